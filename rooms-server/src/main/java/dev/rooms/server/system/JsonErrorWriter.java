package dev.rooms.server.system;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Writes an error body straight to the servlet response, for the places that run outside Spring MVC (filters). */
@Component
public class JsonErrorWriter {

    private final ObjectMapper json;

    JsonErrorWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    public void writeDetail(HttpServletResponse response, int status, String detail) throws IOException {
        write(response, status, Map.of("detail", detail));
    }
}
