package dev.rooms.server.live;

import java.util.Map;
import java.util.Set;

/**
 * Where this process shares who is connected to its rooms, so that presence is one for all processes: the
 * first connection of a user on any process is the join, the last one anywhere the leave. Called under the
 * room's presence lock of {@link RoomPresence}, one change of a user at a time.
 */
interface PresenceStore {

    /** Starts keeping this process's entries alive, if the store needs that: {@code refreshAll} re-writes them. */
    void start(Runnable refreshAll);

    /** Re-writes this process's entries of the room (a heartbeat, so they do not expire). */
    void refresh(long roomId, Map<Long, PresenceEntry> local);

    /**
     * This process now has the user in the room.
     *
     * @return whether no other process has them (the join is news)
     */
    boolean joined(long roomId, long userId, PresenceEntry local);

    /** This process's count of the user's connections changed (still at least one). */
    void changed(long roomId, long userId, PresenceEntry local);

    /**
     * This process no longer has the user in the room.
     *
     * @return whether no other process has them (the leave is news)
     */
    boolean left(long roomId, long userId);

    /**
     * Removes what processes that died had in the room.
     *
     * @return the users who were there only on those processes: they left without a goodbye
     */
    Set<Long> reap(long roomId);

    /** Everyone in the room on every process, by user id; {@code local} is this process's part. */
    Map<Long, PresenceEntry> present(long roomId, Map<Long, PresenceEntry> local);

    /** Withdraws this process's entries and stops. */
    void stop();

    /** The store of a single process: this process's part is all there is. */
    final class InProcess implements PresenceStore {

        @Override
        public void start(Runnable refreshAll) {
            // Nothing expires.
        }

        @Override
        public void refresh(long roomId, Map<Long, PresenceEntry> local) {
            // Nothing shared.
        }

        @Override
        public boolean joined(long roomId, long userId, PresenceEntry local) {
            return true;
        }

        @Override
        public void changed(long roomId, long userId, PresenceEntry local) {
            // Nothing shared.
        }

        @Override
        public boolean left(long roomId, long userId) {
            return true;
        }

        @Override
        public Set<Long> reap(long roomId) {
            return Set.of(); // a process cannot outlive itself
        }

        @Override
        public Map<Long, PresenceEntry> present(long roomId, Map<Long, PresenceEntry> local) {
            return local;
        }

        @Override
        public void stop() {
            // Nothing shared.
        }
    }
}
