package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.rooms.sdk.AuthenticationException;
import dev.rooms.sdk.ForbiddenException;
import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RecordingListener;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.TokenStore;
import dev.rooms.sdk.ValidationException;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.Tokens;
import dev.rooms.sdk.model.User;
import dev.rooms.sdk.model.UserSummary;
import org.junit.jupiter.api.Test;

/** Every REST call of the SDK against the real server, with the errors the server really answers. */
class RestCallsEndToEndTest extends EndToEndTest {

    @Test
    void registerThenLoginStoresTokensAndProfileIsTheRegisteredUser() {
        RoomsClient client = newClient();
        String email = uniqueEmail("ada");

        User registered = client.auth().register(email, "Ada Lovelace", PASSWORD);
        Tokens tokens = client.auth().login(email, PASSWORD);

        assertThat(registered.id()).isPositive();
        assertThat(registered.email()).isEqualTo(email);
        assertThat(registered.name()).isEqualTo("Ada Lovelace");
        assertThat(registered.dateJoined()).isNotNull();
        assertThat(client.tokenStore().load()).contains(tokens);
        assertThat(client.auth().profile()).isEqualTo(registered);
    }

    @Test
    void registerWithTakenEmailThenValidationExceptionNamingTheEmail() {
        Account ada = newAccount("Ada");

        assertThatThrownBy(() -> newClient().auth().register(ada.email(), "Someone Else", PASSWORD))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.fieldErrors())
                            .containsExactly(entry("email", List.of("A user with this email already exists.")));
                    assertThat(e.getMessage()).isEqualTo("email: A user with this email already exists.");
                });
    }

    @Test
    void registerWithWeakPasswordThenValidationExceptionWithEveryPasswordProblem() {
        RoomsClient client = newClient();

        assertThatThrownBy(() -> client.auth().register(uniqueEmail("weak"), "Weak", "1234"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors().get("password"))
                        .contains("This password is too short. It must contain at least 8 characters.",
                                "This password is too common.", "This password is entirely numeric."));
    }

    @Test
    void loginWithWrongPasswordThenAuthenticationExceptionAndNothingStored() {
        Account ada = newAccount("Ada");
        RoomsClient other = newClient();

        assertThatThrownBy(() -> other.auth().login(ada.email(), "not-the-password"))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.detail()).isEqualTo("No active account found with the given credentials");
                });
        assertThat(other.tokenStore().load()).isEmpty();
    }

    @Test
    void callWithoutLoginThenAuthenticationException() {
        RoomsClient anonymous = newClient();

        assertThatThrownBy(() -> anonymous.rooms().list())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo("Authentication credentials were not provided.");
                });
    }

    @Test
    void refreshStoresANewAccessTokenThatWorks() {
        Account ada = newAccount("Ada");
        Tokens before = ada.client().tokenStore().load().orElseThrow();

        Tokens after = ada.client().auth().refresh();

        assertThat(after.access()).isNotEqualTo(before.access());
        assertThat(after.refresh()).isEqualTo(before.refresh());
        assertThat(ada.client().tokenStore().load()).contains(after);
        assertThat(ada.client().auth().profile().id()).isEqualTo(ada.id());
    }

    @Test
    void updateProfileChangesNameAndEmail() {
        Account ada = newAccount("Ada");
        String newEmail = uniqueEmail("countess");

        User renamed = ada.client().auth().updateProfile("Countess of Lovelace", null);
        User moved = ada.client().auth().updateProfile(null, newEmail);

        assertThat(renamed.name()).isEqualTo("Countess of Lovelace");
        assertThat(renamed.email()).isEqualTo(ada.email());
        assertThat(moved.email()).isEqualTo(newEmail);
        assertThat(ada.client().auth().profile()).isEqualTo(moved);
    }

    @Test
    void updateProfileWithTakenOrInvalidEmailThenValidationException() {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");

        assertThatThrownBy(() -> bob.client().auth().updateProfile(null, ada.email()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("email: A user with this email already exists."));
        assertThatThrownBy(() -> bob.client().auth().updateProfile(null, "not-an-email"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .containsExactly(entry("email", List.of("Enter a valid email address."))));
    }

    @Test
    void logoutClearsTheStoreAndRevokesTheRefreshToken() {
        Account ada = newAccount("Ada");
        Tokens before = ada.client().tokenStore().load().orElseThrow();

        ada.client().auth().logout();

        assertThat(ada.client().tokenStore().load()).isEmpty();
        TokenStore stolen = TokenStore.inMemory();
        stolen.save(before);
        RoomsClient thief = clientFor(serverUrl()).tokenStore(stolen).build();
        assertThatThrownBy(() -> thief.auth().refresh())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.detail()).isEqualTo("Token is blacklisted");
                    assertThat(e.code()).isEqualTo("token_not_valid");
                });
    }

    @Test
    void deleteAccountClearsTheStoreAndItsTokensAndLoginStopWorking() {
        Account ada = newAccount("Ada");
        Tokens before = ada.client().tokenStore().load().orElseThrow();

        ada.client().auth().deleteAccount();

        assertThat(ada.client().tokenStore().load()).isEmpty();
        TokenStore old = TokenStore.inMemory();
        old.save(before);
        RoomsClient withOldTokens = clientFor(serverUrl()).tokenStore(old).build();
        assertThatThrownBy(() -> withOldTokens.auth().profile()).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> newClient().auth().login(ada.email(), PASSWORD))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void roomLifecycleCreateGetListUpdateDelete() {
        Account ada = newAccount("Ada");

        Room created = ada.client().rooms().create("Standup", "Daily at nine", RoomType.VIDEO);
        Room read = ada.client().rooms().get(created.id());
        List<Room> listed = ada.client().rooms().list();
        Room renamed = ada.client().rooms().update(created.id(), "Stand-up", null);
        Room described = ada.client().rooms().update(created.id(), null, "Daily at ten");
        ada.client().rooms().delete(created.id());

        assertThat(created.name()).isEqualTo("Standup");
        assertThat(created.description()).isEqualTo("Daily at nine");
        assertThat(created.roomType()).isEqualTo(RoomType.VIDEO);
        assertThat(created.creator()).isEqualTo(new UserSummary(ada.id(), ada.email(), "Ada"));
        assertThat(created.isActive()).isTrue();
        assertThat(created.createdAt()).isNotNull();
        assertThat(read).isEqualTo(created);
        assertThat(listed).contains(created);
        assertThat(renamed.name()).isEqualTo("Stand-up");
        assertThat(renamed.description()).isEqualTo("Daily at nine");
        assertThat(described.name()).isEqualTo("Stand-up");
        assertThat(described.description()).isEqualTo("Daily at ten");
        assertThatThrownBy(() -> ada.client().rooms().get(created.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("Not found.");
                });
        assertThat(ada.client().rooms().list()).extracting(Room::id).doesNotContain(created.id());
    }

    @Test
    void createRoomWithBlankNameThenValidationException() {
        Account ada = newAccount("Ada");

        assertThatThrownBy(() -> ada.client().rooms().create(" ", null, RoomType.CHAT))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .containsExactly(entry("name", List.of("This field may not be blank."))));
    }

    @Test
    void updateOrDeleteSomeoneElsesRoomThenForbiddenException() {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Ada's");

        assertThatThrownBy(() -> bob.client().rooms().update(room.id(), "Bob's now", null))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo("You can only update rooms you created.");
                });
        assertThatThrownBy(() -> bob.client().rooms().delete(room.id()))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("You can only delete rooms you created."));
        assertThat(bob.client().rooms().get(room.id()).name()).isEqualTo("Ada's");
    }

    @Test
    void unknownRoomThenNotFoundExceptionForEveryCall() {
        Account ada = newAccount("Ada");
        long unknown = 987_654_321L;

        assertThatThrownBy(() -> ada.client().rooms().get(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ada.client().rooms().update(unknown, "x", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ada.client().rooms().delete(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ada.client().rooms().listMessages(unknown)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ada.client().rooms().recentMessages(unknown, 1))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void messageHistoryWithAfterAndLimitMatchesWhatWasSent() throws Exception {
        Account ada = newAccount("Ada");
        Room room = newRoom(ada, "History");
        RoomConnection live = connectOpen(ada, room.id(), new RecordingListener());
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(live.send("message " + i).get(10, TimeUnit.SECONDS));
        }
        List<Long> ids = sent.stream().map(Message::id).toList();

        List<Message> all = ada.client().rooms().listMessages(room.id());
        List<Message> afterSecond = ada.client().rooms().listMessagesAfter(room.id(), ids.get(1));
        List<Message> newestTwo = ada.client().rooms().recentMessages(room.id(), 2);
        List<Message> paged = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        for (List<Message> page = ada.client().rooms().listMessagesAfter(room.id(), 0, 2); !page.isEmpty();
                page = ada.client().rooms().listMessagesAfter(room.id(), page.get(page.size() - 1).id(), 2)) {
            paged.addAll(page);
            pageSizes.add(page.size());
        }

        assertThat(all).extracting(Message::id).containsExactlyElementsOf(ids);
        assertThat(all).extracting(Message::content)
                .containsExactly("message 1", "message 2", "message 3", "message 4", "message 5");
        assertThat(all).extracting(Message::user).containsOnly(new UserSummary(ada.id(), ada.email(), "Ada"));
        assertThat(all).extracting(Message::createdAt).containsExactlyElementsOf(
                sent.stream().map(Message::createdAt).toList());
        assertThat(all).extracting(Message::nonce).containsOnlyNulls();
        assertThat(afterSecond).extracting(Message::id).containsExactlyElementsOf(ids.subList(2, 5));
        assertThat(newestTwo).extracting(Message::id).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(paged).isEqualTo(all);
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void messagesOfDeletedRoomThenNotFoundException() {
        Account ada = newAccount("Ada");
        Room room = newRoom(ada, "Gone");
        ada.client().rooms().delete(room.id());

        assertThatThrownBy(() -> ada.client().rooms().listMessages(room.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.detail()).isEqualTo("Not found."));
    }
}
