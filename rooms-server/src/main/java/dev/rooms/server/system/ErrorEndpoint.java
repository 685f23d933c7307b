package dev.rooms.server.system;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page and error JSON: whatever reaches the container's error handling (a
 * failure in a filter, a request the firewall rejects) still answers in the spec's {@code {"detail"}} shape.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Map<String, String>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.NOT_FOUND;
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("detail", detail(status)));
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Bad request.";
            case UNAUTHORIZED -> "Authentication credentials were not provided.";
            case FORBIDDEN -> "You do not have permission to perform this action.";
            case NOT_FOUND -> "Not found.";
            case CONTENT_TOO_LARGE -> RequestSizeLimitFilter.TOO_LARGE;
            default -> status.is5xxServerError() ? "A server error occurred." : status.getReasonPhrase() + ".";
        };
    }
}
