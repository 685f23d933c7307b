package dev.rooms.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import tools.jackson.databind.json.JsonMapper;

/** An unexpected failure never leaks: the same 500 body from a controller and from the container's error path. */
class ServerErrorBodyTest {

    private final JsonErrorWriter writer = new JsonErrorWriter(JsonMapper.builder().build());

    @Test
    void unexpectedExceptionInControllerThen500WithoutDetails() {
        ResponseEntity<Object> response = new ApiExceptionHandler(writer, new DatabaseOutage("the test database", new ThreadPoolTaskScheduler()))
                .unexpected(
                new IllegalStateException("connection string with secrets"), new MockHttpServletRequest("GET", "/api/rooms/"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getBody()).isEqualTo(Map.of("detail", "A server error occurred."));
    }

    @Test
    void failureOutsideControllersThen500FromErrorEndpoint() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);

        ResponseEntity<Object> response = new ErrorEndpoint(writer).error(request);

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody()).isEqualTo(Map.of("detail", "A server error occurred."));
    }
}
