package dev.rooms.server.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests Jetty refuses before Spring sees them still answer in the spec's {@code {"detail"}} JSON. */
class RefusedRequestTest extends LiveServerTest {

    /** Sends one raw request (closing the connection after it) and returns the whole answer. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void requestWithUndecodableUrlThen400InJson() throws Exception {
        String answer = exchange("GET /api/rooms/%zz/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer.toLowerCase()).contains("content-type: application/json");
        assertThat(answer).endsWith("{\"detail\":\"Bad request.\"}");
    }

    @Test
    void requestWithHeadersOverTheLimitThen431InJson() throws Exception {
        String answer = exchange("GET /api/rooms/ HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 431 ");
        assertThat(answer.toLowerCase()).contains("content-type: application/json");
        assertThat(answer).contains("{\"detail\":");
    }
}
