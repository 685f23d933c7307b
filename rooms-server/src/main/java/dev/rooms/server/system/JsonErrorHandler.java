package dev.rooms.server.system;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.springframework.http.HttpStatus;

/**
 * Jetty's last-resort error answer, for requests it refuses before Spring sees them (an undecodable URL, a
 * header too large): the spec's {@code {"detail"}} JSON, with the same texts as every other error answer ({@link JsonErrorWriter}), instead
 * of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final JsonErrorWriter errors;

    JsonErrorHandler(JsonErrorWriter errors) {
        this.errors = errors;
    }

    /** Every method gets a body (Jetty's default skips it for some); a HEAD answer still carries none. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        byte[] body = errors.encode(JsonErrorWriter.detailBody(JsonErrorWriter.standardDetail(status)));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
