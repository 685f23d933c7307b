package dev.rooms.server.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.rooms.server.room.RoomDeleted;
import dev.rooms.server.user.UserDeleted;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.transaction.event.TransactionalEventListener;

/** Records the deletion events the server publishes, as a live layer would see them: after commit. */
@TestComponent
class RecordedEvents {

    private final List<Object> committed = new CopyOnWriteArrayList<>();

    @TransactionalEventListener
    void roomDeleted(RoomDeleted event) {
        committed.add(event);
    }

    @TransactionalEventListener
    void userDeleted(UserDeleted event) {
        committed.add(event);
    }

    List<Object> committed() {
        return committed;
    }
}
