package dev.rooms.sdk;

import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.UserSummary;

/**
 * Receives what happens on a {@link RoomConnection}. Every method has a no-op default; override what you need.
 *
 * <p><b>Threading.</b> Calls for one connection are made one at a time, in order, never concurrently: on a
 * dedicated callback thread of that connection ({@code rooms-room-<id>-callbacks}), or, if the client was built
 * with {@link RoomsClient.Builder#callbackExecutor}, as tasks on that executor, one after the other. A callback
 * may block (e.g. make REST calls through the client) — later events wait for it but are not lost — and may call
 * any {@link RoomConnection} method. An exception thrown by a callback is logged and otherwise ignored. Because
 * one connection's calls never overlap, a listener used by one connection need not be thread-safe; one shared by
 * several connections must be.
 *
 * <p><b>Order.</b> Messages arrive exactly once and in id order, also across reconnects (missed messages are
 * fetched from the history before live ones are delivered). {@link #onClosed} is the last call; nothing follows it.
 */
public interface RoomListener {

    /**
     * A chat message was stored in the room (by anyone, including this connection's own sends).
     *
     * @param connection the connection
     * @param message    the stored message; {@link Message#nonce()} is set for live messages whose sender gave one
     */
    default void onMessage(RoomConnection connection, Message message) {
    }

    /**
     * Another connection sent a WebRTC signal to the room or to this user. By default hands it to the method for
     * its kind ({@link #onOffer}, {@link #onAnswer}, {@link #onIceCandidate}, {@link #onHangup}); override this one
     * instead to see every signal in one place (to relay them, say), and those are not called.
     *
     * @param connection the connection
     * @param signal     one of {@link Signal.Offer}, {@link Signal.Answer}, {@link Signal.IceCandidate},
     *                   {@link Signal.Hangup}
     */
    default void onSignal(RoomConnection connection, Signal signal) {
        if (signal instanceof Signal.Offer offer) {
            onOffer(connection, offer);
        } else if (signal instanceof Signal.Answer answer) {
            onAnswer(connection, answer);
        } else if (signal instanceof Signal.IceCandidate candidate) {
            onIceCandidate(connection, candidate);
        } else if (signal instanceof Signal.Hangup hangup) {
            onHangup(connection, hangup);
        }
    }

    /**
     * Another connection offered a call (a WebRTC offer) to the room or to this user. Called by the default
     * {@link #onSignal}.
     *
     * @param connection the connection
     * @param offer      the offer: its session description, sender and target
     */
    default void onOffer(RoomConnection connection, Signal.Offer offer) {
    }

    /**
     * Another connection answered an offer. Called by the default {@link #onSignal}.
     *
     * @param connection the connection
     * @param answer     the answer: its session description, sender and target
     */
    default void onAnswer(RoomConnection connection, Signal.Answer answer) {
    }

    /**
     * Another connection sent an ICE candidate. Called by the default {@link #onSignal}.
     *
     * @param connection the connection
     * @param candidate  the candidate, its sender and target
     */
    default void onIceCandidate(RoomConnection connection, Signal.IceCandidate candidate) {
    }

    /**
     * Another connection ended its call. Called by the default {@link #onSignal}.
     *
     * @param connection the connection
     * @param hangup     the hang-up: its sender and target
     */
    default void onHangup(RoomConnection connection, Signal.Hangup hangup) {
    }

    /**
     * A user arrived in the room or left it. Only on a connection that asked for {@link LiveEvent#PRESENCE}; its
     * own user's arrival included. Presence is not caught up after a reconnect: read
     * {@link Rooms#presence(long)} for who is there now.
     *
     * @param connection the connection
     * @param event      who, and whether they arrived or left
     */
    default void onPresence(RoomConnection connection, PresenceEvent event) {
    }

    /**
     * Another user is typing in the room (the server relays this at most about once every three seconds per user).
     * Only on a connection that asked for {@link LiveEvent#TYPING}; never for this connection's own user.
     *
     * @param connection the connection
     * @param user       who is typing
     */
    default void onTyping(RoomConnection connection, UserSummary user) {
    }

    /**
     * A message of the room was edited by its author. Only on a connection that asked for {@link LiveEvent#EDITS};
     * edits made while the connection was down are not caught up.
     *
     * @param connection the connection
     * @param edited     the message with its new content
     */
    default void onMessageUpdated(RoomConnection connection, EditedMessage edited) {
    }

    /**
     * A message of the room was deleted from its history. Only on a connection that asked for
     * {@link LiveEvent#EDITS}.
     *
     * @param connection the connection
     * @param messageId  the deleted message's id
     */
    default void onMessageDeleted(RoomConnection connection, long messageId) {
    }

    /**
     * The connection moved to another state. Called for every change, {@link ConnectionState#CLOSED} included
     * (followed by {@link #onClosed}).
     *
     * @param connection the connection
     * @param state      the new state
     */
    default void onStateChanged(RoomConnection connection, ConnectionState state) {
    }

    /**
     * Something went wrong that the connection handles by itself — a drop before reconnecting, each failed
     * connection attempt (the first one included, e.g. a {@link TransportException} while the server is
     * unreachable), a failed catch-up, a missing pong — or that ends it (reported just before
     * {@link #onClosed}, e.g. an {@link AuthenticationException}).
     *
     * @param connection the connection
     * @param error      what went wrong
     */
    default void onError(RoomConnection connection, RoomsException error) {
    }

    /**
     * The connection is finished and will not reconnect. This is the last call.
     *
     * @param connection the connection
     * @param code       a {@link CloseCodes} value, e.g. {@link CloseCodes#NORMAL} after {@link RoomConnection#close()}
     *                   or {@link CloseCodes#ROOM_DELETED}
     * @param reason     a short explanation, possibly empty
     */
    default void onClosed(RoomConnection connection, int code, String reason) {
    }
}
