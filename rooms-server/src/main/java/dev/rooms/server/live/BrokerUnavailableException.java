package dev.rooms.server.live;

/** The broker (Redis) cannot be reached, so events cannot be fanned out. */
final class BrokerUnavailableException extends RuntimeException {

    BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
