package dev.rooms.server.live;

import java.util.Map;

import dev.rooms.testing.TestUser;

import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/** How the live part is wired with the in-process broker (the default). */
class LiveWiringTest extends LiveServerTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("chatWorkers")
    ThreadPoolTaskExecutor chatWorkers;

    @Test
    void inProcessBrokerThenNoReorderBufferAndNoGapTimers() {
        assertThat(context.getBeanNamesForType(ChatReorderBuffer.class)).isEmpty();
        assertThat(context.containsBean("gapTimers")).isFalse();
    }

    @Test
    void chatWorkersThenAContextManagedExecutorBesideTheApplicationTaskExecutor() {
        TestUser user = api.register("Worker");
        long room = api.createRoom(user);
        SocketClient client = connect(room, user);

        client.sendJson(Map.of("content", "through the chat workers"));

        assertThat(client.next().get("content").stringValue()).isEqualTo("through the chat workers");
        assertThat(chatWorkers.isRunning()).isTrue();
        assertThat(chatWorkers.getThreadNamePrefix()).isEqualTo("rooms-chat-");
        // Counted from submission: the worker may still be finishing the task that broadcast the message.
        assertThat(chatWorkers.getThreadPoolExecutor().getTaskCount()).isPositive();
        // Spring MVC's asynchronous requests (the streamed history) keep Spring Boot's own executor.
        assertThat(context.containsBean("applicationTaskExecutor")).isTrue();
    }

    @Test
    void webSocketUpgradesAreNotObservedAsHttpRequestsAndEverythingElseIs() {
        ObservationPredicate predicate = context.getBean("webSocketUpgradesUnobserved", ObservationPredicate.class);

        assertThat(predicate.test("http.server.requests", httpRequest("/ws/chat/7/"))).isFalse();
        assertThat(predicate.test("http.server.requests", httpRequest("/api/rooms/7/messages/"))).isTrue();
        assertThat(predicate.test("http.server.requests", httpRequest("/"))).isTrue();
    }

    private static ServerRequestObservationContext httpRequest(String path) {
        return new ServerRequestObservationContext(new MockHttpServletRequest("GET", path), new MockHttpServletResponse());
    }
}
