package dev.rooms.server.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The one writer of HTTP error bodies, in the spec's two shapes: {@code {"detail": "..."}} (with simplejwt's
 * {@code code} for token errors) and lists keyed by field. Controllers' advice answers through
 * {@link #detail(HttpStatusCode, String)}; filters, security entry points and WebSocket handshake interceptors,
 * which run outside Spring MVC, write to their response with {@link #write}.
 */
@Component
public class JsonErrorWriter {

    /** The body of a refused request without a field to blame, for statuses that carry no message of their own. */
    public static String standardDetail(HttpStatusCode status) {
        HttpStatus known = HttpStatus.valueOf(status.value());
        return switch (known) {
            case BAD_REQUEST -> "Bad request.";
            case UNAUTHORIZED -> "Authentication credentials were not provided.";
            case FORBIDDEN -> "You do not have permission to perform this action.";
            case NOT_FOUND -> "Not found.";
            case CONTENT_TOO_LARGE -> "Request body too large.";
            case SERVICE_UNAVAILABLE -> "Service temporarily unavailable, try again later.";
            default -> status.is5xxServerError() ? "A server error occurred." : known.getReasonPhrase() + ".";
        };
    }

    /** {@code {"detail": detail}}. */
    public static Map<String, Object> detailBody(String detail) {
        return detailBody(detail, null);
    }

    /** {@code {"detail": detail, "code": code}}, without {@code code} when it is null; callers may add to it. */
    public static Map<String, Object> detailBody(String detail, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        if (code != null) {
            body.put("code", code);
        }
        return body;
    }

    private final ObjectMapper json;

    JsonErrorWriter(ObjectMapper json) {
        this.json = json;
    }

    /** An answer from Spring MVC: {@code {"detail": ...}}, JSON whatever the client's {@code Accept} says. */
    public ResponseEntity<Object> detail(HttpStatusCode status, String detail) {
        return respond(status, new HttpHeaders(), detailBody(detail));
    }

    /** An answer from Spring MVC with the given body (one of this class's shapes) and extra headers. */
    public ResponseEntity<Object> respond(HttpStatusCode status, HttpHeaders headers, Object body) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.VARY, "Accept")
                .body(body);
    }

    /** A 400 with the field-keyed lists, in the order the fields were checked. */
    public ResponseEntity<Object> fieldErrors(Map<String, List<String>> errors) {
        return respond(HttpStatus.BAD_REQUEST, new HttpHeaders(), errors);
    }

    /** Writes an answer straight to a servlet response, for filters and security handlers. */
    public void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    public void writeDetail(HttpServletResponse response, int status, String detail) throws IOException {
        write(response, status, detailBody(detail));
    }

    /** Writes an answer to a WebSocket handshake's response, which is refused before any upgrade. */
    public void write(ServerHttpResponse response, HttpStatusCode status, Object body) throws IOException {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(json.writeValueAsBytes(body));
    }

    /** The encoded body of an answer the web server itself writes, before any servlet ({@link JsonErrorHandler}). */
    public byte[] encode(Object body) {
        return json.writeValueAsBytes(body);
    }
}
