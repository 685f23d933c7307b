package dev.rooms.server.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page and error JSON: whatever reaches the container's error handling (a
 * failure in a filter, a request the firewall rejects) still answers in the spec's {@code {"detail"}} shape.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    private final JsonErrorWriter errors;

    ErrorEndpoint(JsonErrorWriter errors) {
        this.errors = errors;
    }

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.NOT_FOUND;
        return errors.detail(status, JsonErrorWriter.standardDetail(status));
    }
}
