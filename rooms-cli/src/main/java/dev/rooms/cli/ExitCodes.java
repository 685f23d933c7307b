package dev.rooms.cli;

/** The documented exit codes of {@code rooms}; scripts branch on them. */
final class ExitCodes {

    static final int OK = 0;
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int NOT_LOGGED_IN = 3;
    static final int NOT_FOUND = 4;
    static final int FORBIDDEN = 5;
    static final int UNREACHABLE = 6;
    /** A message went out but the server did not answer in time, retries included: it may or may not be stored. */
    static final int UNCONFIRMED = 7;
    /** The server is rate limiting this client; the message says how long to wait. */
    static final int RATE_LIMITED = 8;

    private ExitCodes() {
    }
}
