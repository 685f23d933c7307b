package dev.rooms.server.operations;

import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Micrometer's {@code logback.events} counter (per {@code level}), counted by an appender on the root logger
 * instead of Micrometer's {@code LogbackMetrics}, whose turbo filter Logback consults at every level check of
 * every logger, logged or not: dozens per request, 4.6 % of a request's CPU (README-bench). The appender sees
 * each event that is logged, once, which is what the counter counts. Boot's {@code LogbackMetricsAutoConfiguration}
 * is excluded in application.properties.
 */
@Component
class LogEventCounts implements MeterBinder, DisposableBean {

    /** Each instance's own: several servers in one JVM (tests) each count into their own registry. */
    private final String appenderName = "rooms-log-event-counts-" + Integer.toHexString(System.identityHashCode(this));
    private volatile Map<Level, Counter> counters;

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<Level, Counter> byLevel = new HashMap<>();
        for (Level level : new Level[] {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE}) {
            byLevel.put(level, Counter.builder("logback.events")
                    .tag("level", level.levelStr.toLowerCase())
                    .description("Number of log events that were enabled by the effective log level")
                    .baseUnit("events")
                    .register(registry));
        }
        counters = byLevel;
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            attach(context);
            context.addListener(reattachOnReset);
        }
    }

    @Override
    public void destroy() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.removeListener(reattachOnReset);
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appenderName);
        }
    }

    /** Logging is reset when it is configured again (as tests do); the counting goes on. */
    private final LoggerContextListener reattachOnReset = new LoggerContextListener() {
        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext reset) {
            attach(reset);
        }

        @Override
        public void onStart(LoggerContext started) {
        }

        @Override
        public void onStop(LoggerContext stopped) {
        }

        @Override
        public void onLevelChange(Logger logger, Level level) {
        }
    };

    private void attach(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(appenderName) != null) {
            return;
        }
        UnsynchronizedAppenderBase<ILoggingEvent> counting = new UnsynchronizedAppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                Counter counter = counters.get(event.getLevel());
                if (counter != null) {
                    counter.increment();
                }
            }
        };
        counting.setName(appenderName);
        counting.setContext(context);
        counting.start();
        root.addAppender(counting);
    }
}
