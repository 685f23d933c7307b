package dev.rooms.server.system;

/**
 * Whether this process can reach its broker (Redis), for a readiness check: while it cannot, live rooms
 * close their sockets with 1011 and refuse new ones, though REST still works. The in-process broker is
 * always available.
 */
public interface BrokerState {

    /** True while the broker is reachable and live rooms work. */
    boolean available();
}
