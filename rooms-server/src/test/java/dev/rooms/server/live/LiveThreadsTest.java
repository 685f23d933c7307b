package dev.rooms.server.live;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/** The live layer's threads belong to the context, and defining them does not take Boot's own executor away. */
class LiveThreadsTest extends LiveServerTest {

    @Autowired
    ApplicationContext context;

    @Test
    void closeAndWatchdogThreadsAreContextBeansAndSpringMvcKeepsBootsApplicationTaskExecutor() {
        assertThat(context.getBean("liveCloseExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class);
        assertThat(context.getBean("liveWatchdogScheduler")).isInstanceOf(ThreadPoolTaskScheduler.class);
        assertThat(context.getBean("applicationTaskExecutor")).isInstanceOf(ThreadPoolTaskExecutor.class);
    }
}
