package dev.rooms.server.system;

import java.io.IOException;

/** Thrown from a request's input stream once more bytes than allowed have been read. */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super("Request body larger than " + limit + " bytes");
    }
}
