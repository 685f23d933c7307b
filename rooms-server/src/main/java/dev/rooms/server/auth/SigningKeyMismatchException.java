package dev.rooms.server.auth;

/** This node's signing secret is not the one the other nodes sharing its database use; it must not start. */
final class SigningKeyMismatchException extends RuntimeException {

    SigningKeyMismatchException(String message) {
        super(message);
    }
}
