package dev.rooms.server.live;

/** An inbound message exceeds the frame limit; the connection is closed with 1009. */
final class FrameTooLargeException extends RuntimeException {

    FrameTooLargeException(long size) {
        super("message of at least " + size + " bytes");
    }
}
