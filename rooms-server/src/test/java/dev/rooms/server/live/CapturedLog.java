package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM while it is open: message, MDC and exception messages, one line each. The tests'
 * console output goes to a file (logback-tests.xml), so a test that checks what is logged listens here.
 */
final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLog() {
        appender.start();
        root.addAppender(appender);
    }

    /** The events logged so far. */
    List<ILoggingEvent> events() {
        // Appends are synchronized on the appender; copying under the same lock sees a consistent list.
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    /**
     * The messages logged so far at this level or above, formatted; not the access log's, which has a line per
     * request by design.
     */
    List<String> linesAtLeast(Level level) {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : events()) {
            if (event.getLevel().isGreaterOrEqual(level) && !event.getLoggerName().equals("dev.rooms.server.access")) {
                lines.add(event.getFormattedMessage());
            }
        }
        return lines;
    }

    /** Everything logged so far. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : events()) {
            text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                    .append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
            for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                text.append(' ').append(thrown.getClassName()).append(": ").append(thrown.getMessage());
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
