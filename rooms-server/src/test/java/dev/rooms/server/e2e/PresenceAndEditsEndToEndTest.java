package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import dev.rooms.sdk.ApiException;
import dev.rooms.sdk.ConnectOptions;
import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.ForbiddenException;
import dev.rooms.sdk.LiveEvent;
import dev.rooms.sdk.RecordingListener;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.ValidationException;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.UserSummary;
import org.junit.jupiter.api.Test;

/** Issue 10 through the SDK against the real server: REST posts, edits, deletes, presence and typing. */
class PresenceAndEditsEndToEndTest extends EndToEndTest {

    private static final Duration QUIET = Duration.ofMillis(300);

    private record Live(RoomConnection connection, RecordingListener hears) {
    }

    private Live open(Account account, Room room, LiveEvent... events) throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        RoomConnection connection = track(account.client().connect(room.id(),
                ConnectOptions.builder().events(events).build(), listener));
        assertThat(connection.awaitOpen(WAIT)).isTrue();
        listener.expectState(ConnectionState.CONNECTING);
        listener.expectState(ConnectionState.OPEN);
        return new Live(connection, listener);
    }

    private static UserSummary summary(Account account, String name) {
        return new UserSummary(account.id(), account.email(), name);
    }

    @Test
    void postOverRestThenLiveConnectionsReceiveItAndARepeatedKeyPostsNothing() throws Exception {
        Account ada = newAccount("Ada");
        Room room = newRoom(ada, "Bots");
        Live live = open(ada, room);
        String key = UUID.randomUUID().toString();

        Message posted = ada.client().rooms().post(room.id(), "from a bot");
        Message once = ada.client().rooms().post(room.id(), "exactly once", key);
        Message again = ada.client().rooms().post(room.id(), "exactly once", key);

        assertThat(live.hears().expectMessage()).isEqualTo(posted);
        assertThat(live.hears().expectMessage()).isEqualTo(once);
        assertThat(again).isEqualTo(once);
        live.hears().expectNoMoreEvents(QUIET);
        assertThat(ada.client().rooms().listMessages(room.id())).containsExactly(posted, once);
        assertThatThrownBy(() -> ada.client().rooms().post(room.id(), "  ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("This field may not be blank.");
        Room other = newRoom(ada, "Other");
        assertThatThrownBy(() -> ada.client().rooms().post(other.id(), "x", key)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(422));
    }

    @Test
    void editAndDeleteThenHeardByConnectionsThatAskedAndRefusedForOthers() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Edits");
        Live withEdits = open(bob, room, LiveEvent.EDITS);
        Live plain = open(ada, room);
        Message message = bob.client().rooms().post(room.id(), "teh");
        assertThat(withEdits.hears().expectMessage()).isEqualTo(message);
        assertThat(plain.hears().expectMessage()).isEqualTo(message);

        EditedMessage edited = bob.client().rooms().edit(room.id(), message.id(), "the");
        assertThatThrownBy(() -> ada.client().rooms().edit(room.id(), message.id(), "hijacked"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("You can only edit your own messages.");
        ada.client().rooms().deleteMessage(room.id(), message.id());

        assertThat(edited.message().content()).isEqualTo("the");
        assertThat(withEdits.hears().next()).isEqualTo(new RecordingListener.Updated(edited));
        assertThat(withEdits.hears().next()).isEqualTo(new RecordingListener.Deleted(message.id()));
        assertThat(ada.client().rooms().listMessages(room.id())).isEmpty();
        plain.hears().expectNoMoreEvents(QUIET);
    }

    @Test
    void presenceAndTypingThenHeardByConnectionsThatAskedAndListedOverRest() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Who");
        Live watching = open(ada, room, LiveEvent.PRESENCE, LiveEvent.TYPING);
        PresenceEvent ownJoin = ((RecordingListener.PresenceReceived) watching.hears().next()).event();

        Live bobLive = open(bob, room);
        PresenceEvent bobJoins = ((RecordingListener.PresenceReceived) watching.hears().next()).event();
        bobLive.connection().typing();
        RecordingListener.Event typing = watching.hears().next();
        var present = ada.client().rooms().presence(room.id());
        bobLive.connection().close();
        PresenceEvent bobLeaves = ((RecordingListener.PresenceReceived) watching.hears().next()).event();

        assertThat(ownJoin.user()).isEqualTo(summary(ada, "Ada"));
        assertThat(bobJoins.kind()).isEqualTo(PresenceEvent.Kind.JOIN);
        assertThat(bobJoins.user()).isEqualTo(summary(bob, "Bob"));
        assertThat(typing).isEqualTo(new RecordingListener.Typing(summary(bob, "Bob")));
        assertThat(present).extracting(p -> p.user().id()).containsExactly(ada.id(), bob.id());
        assertThat(present).extracting(p -> p.connections()).containsExactly(1, 1);
        assertThat(bobLeaves.kind()).isEqualTo(PresenceEvent.Kind.LEAVE);
        assertThat(bobLeaves.at()).isAfterOrEqualTo(bobJoins.at());
        watching.hears().expectNoMoreEvents(QUIET);
    }
}
