package dev.rooms.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;

class ActiveRoomsTest {

    private final Set<Long> activeInDatabase = new HashSet<>(Set.of(1L, 2L));
    private final CountingRooms database = new CountingRooms();

    @Test
    void activeRoomIsReadOnceThenKept() {
        ActiveRooms rooms = new ActiveRooms(database, () -> true);

        assertThat(rooms.isActive(1)).isTrue();
        assertThat(rooms.isActive(1)).isTrue();
        assertThat(rooms.isActive(1)).isTrue();

        assertThat(database.count).isEqualTo(1);
    }

    @Test
    void missingRoomIsReadEachTime() {
        ActiveRooms rooms = new ActiveRooms(database, () -> true);

        assertThat(rooms.isActive(9)).isFalse();
        assertThat(rooms.isActive(9)).isFalse();

        assertThat(database.count).isEqualTo(2);
    }

    @Test
    void roomDeletedThenRefusedAtOnce() {
        ActiveRooms rooms = new ActiveRooms(database, () -> true);
        rooms.isActive(1);

        activeInDatabase.remove(1L);
        rooms.roomDeleted(1);

        assertThat(rooms.isActive(1)).isFalse();
        assertThat(rooms.isActive(2)).isTrue();
    }

    @Test
    void roomDeletedWhileBeingCheckedThenNotKept() {
        ActiveRooms[] rooms = new ActiveRooms[1];
        // The deletion commits (and is announced) after the check read the room, before the check ends.
        rooms[0] = new ActiveRooms(roomId -> {
            boolean active = activeInDatabase.remove(roomId);
            rooms[0].roomDeleted(roomId);
            return active;
        }, () -> true);

        assertThat(rooms[0].isActive(1)).isTrue();

        assertThat(rooms[0].isActive(1)).isFalse();
    }

    @Test
    void deletionsOfOtherProcessesCannotArriveThenEveryCheckReadsTheDatabase() {
        boolean[] arriving = {true};
        ActiveRooms rooms = new ActiveRooms(database, () -> arriving[0]);
        rooms.isActive(1);

        arriving[0] = false;
        rooms.isActive(1);
        rooms.isActive(1);
        arriving[0] = true;
        rooms.isActive(1);
        rooms.isActive(1);

        assertThat(database.count).as("once before, twice during the outage, once after it").isEqualTo(4);
    }

    private final class CountingRooms implements LongPredicate {

        private int count;

        @Override
        public boolean test(long roomId) {
            count++;
            return activeInDatabase.contains(roomId);
        }
    }
}
