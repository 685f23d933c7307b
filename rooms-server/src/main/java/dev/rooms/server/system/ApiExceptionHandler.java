package dev.rooms.server.system;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Turns every exception that leaves a controller into the original's error bodies, written by
 * {@link JsonErrorWriter}.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final JsonErrorWriter errors;
    private final DatabaseOutage outage;

    ApiExceptionHandler(JsonErrorWriter errors, DatabaseOutage outage) {
        this.errors = errors;
        this.outage = outage;
    }

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Object> validation(ValidationException e) {
        return errors.fieldErrors(e.errors());
    }

    @ExceptionHandler({NotFoundException.class, NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Object> notFound() {
        return detail(HttpStatus.NOT_FOUND, "Not found.");
    }

    @ExceptionHandler(PermissionDeniedException.class)
    ResponseEntity<Object> forbidden(PermissionDeniedException e) {
        return detail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    /** A path id that is not a number names nothing (404), as in the original. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch() {
        return detail(HttpStatus.NOT_FOUND, "Not found.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return errors.respond(HttpStatus.METHOD_NOT_ALLOWED, headers,
                JsonErrorWriter.detailBody("Method \"" + e.getMethod() + "\" not allowed."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> unsupportedMediaType(HttpServletRequest request) {
        String contentType = request.getContentType() == null ? "" : request.getContentType();
        return detail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type \"" + contentType + "\" in request.");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable() {
        return detail(HttpStatus.NOT_ACCEPTABLE, "Could not satisfy the request Accept header.");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        JacksonException jackson = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException) {
                return detail(HttpStatus.CONTENT_TOO_LARGE, JsonErrorWriter.standardDetail(HttpStatus.CONTENT_TOO_LARGE));
            }
            if (jackson == null && cause instanceof JacksonException j) {
                jackson = j;
            }
        }
        return detail(HttpStatus.BAD_REQUEST, "JSON parse error - " + describe(jackson));
    }

    @ExceptionHandler(StatusException.class)
    ResponseEntity<Object> status(StatusException e) {
        return detail(e.status(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        if (outage.recordIfUnreachable(e)) {
            // Counted, not logged: the outage has its own two lines.
            outage.refusedRequest();
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER.toSeconds()));
            return errors.respond(HttpStatus.SERVICE_UNAVAILABLE, headers,
                    JsonErrorWriter.detailBody(JsonErrorWriter.standardDetail(HttpStatus.SERVICE_UNAVAILABLE)));
        }
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return detail(HttpStatus.INTERNAL_SERVER_ERROR, "A server error occurred.");
    }

    /** Jackson's own words without its source excerpt, and the position like Python's json module gives it. */
    private static String describe(JacksonException e) {
        if (e == null) {
            return "Malformed request body";
        }
        String message = e.getOriginalMessage() == null ? "Malformed JSON" : e.getOriginalMessage();
        TokenStreamLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message += ": line " + at.getLineNr() + " column " + at.getColumnNr();
        }
        return message;
    }

    private ResponseEntity<Object> detail(HttpStatusCode status, String detail) {
        return errors.detail(status, detail);
    }
}
