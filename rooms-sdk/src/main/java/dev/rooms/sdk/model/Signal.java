package dev.rooms.sdk.model;

import java.util.Map;
import java.util.Objects;

/**
 * A WebRTC signalling message relayed by the server between the connections of a room.
 *
 * <p>Signals are not stored; the server relays them to the room's other connections (or, with a target, to that
 * user's connections only) and sets {@link #senderId()}. Fields this SDK does not know are kept in
 * {@link #extras()} so nothing the sender put in the frame is lost, and
 * {@link dev.rooms.sdk.RoomConnection#signal(Signal)} sends a signal with all of them again.
 *
 * <p>Every implementation is an immutable record and thread-safe.
 */
public sealed interface Signal permits Signal.Offer, Signal.Answer, Signal.IceCandidate, Signal.Hangup {

    /**
     * Returns the frame's {@code type} on the wire.
     *
     * @return e.g. {@code "webrtc-offer"}
     */
    String wireType();

    /**
     * Returns the id of the user who sent the signal, as set by the server.
     *
     * @return the sender's user id, or {@code null} if the frame carried none
     */
    Long senderId();

    /**
     * Returns the user the signal was addressed to.
     *
     * @return the target user id, or {@code null} when the signal went to the whole room
     */
    Long target();

    /**
     * Returns the top-level fields of the frame that this SDK does not model, as parsed from JSON.
     *
     * @return an unmodifiable map, empty when there were none
     */
    Map<String, Object> extras();

    /**
     * An offer to start a call ({@code webrtc-offer}).
     *
     * @param offer    the session description
     * @param senderId the sender's user id
     * @param target   the addressed user, or {@code null}
     * @param extras   unknown top-level fields
     */
    record Offer(SessionDescription offer, Long senderId, Long target, Map<String, Object> extras)
            implements Signal {

        /**
         * Checks the payload and copies {@code extras}, leaving out any field a signal models ({@code type},
         * {@code sender_id}, {@code target}, {@code offer}, {@code answer}, {@code candidate}).
         *
         * @param offer the session description
         * @param senderId the sender's user id
         * @param target the addressed user, or {@code null}
         * @param extras unknown top-level fields
         */
        public Offer {
            Objects.requireNonNull(offer, "offer == null");
            extras = Extras.copy(extras, Extras.SIGNAL_FIELDS);
        }

        @Override
        public String wireType() {
            return "webrtc-offer";
        }
    }

    /**
     * The answer to an offer ({@code webrtc-answer}).
     *
     * @param answer   the session description
     * @param senderId the sender's user id
     * @param target   the addressed user, or {@code null}
     * @param extras   unknown top-level fields
     */
    record Answer(SessionDescription answer, Long senderId, Long target, Map<String, Object> extras)
            implements Signal {

        /**
         * Checks the payload and copies {@code extras}, leaving out any field a signal models ({@code type},
         * {@code sender_id}, {@code target}, {@code offer}, {@code answer}, {@code candidate}).
         *
         * @param answer the session description
         * @param senderId the sender's user id
         * @param target the addressed user, or {@code null}
         * @param extras unknown top-level fields
         */
        public Answer {
            Objects.requireNonNull(answer, "answer == null");
            extras = Extras.copy(extras, Extras.SIGNAL_FIELDS);
        }

        @Override
        public String wireType() {
            return "webrtc-answer";
        }
    }

    /**
     * An ICE candidate for NAT traversal ({@code webrtc-ice-candidate}).
     *
     * @param candidate the candidate
     * @param senderId  the sender's user id
     * @param target    the addressed user, or {@code null}
     * @param extras    unknown top-level fields
     */
    record IceCandidate(Candidate candidate, Long senderId, Long target, Map<String, Object> extras)
            implements Signal {

        /**
         * Checks the payload and copies {@code extras}, leaving out any field a signal models ({@code type},
         * {@code sender_id}, {@code target}, {@code offer}, {@code answer}, {@code candidate}).
         *
         * @param candidate the candidate
         * @param senderId the sender's user id
         * @param target the addressed user, or {@code null}
         * @param extras unknown top-level fields
         */
        public IceCandidate {
            Objects.requireNonNull(candidate, "candidate == null");
            extras = Extras.copy(extras, Extras.SIGNAL_FIELDS);
        }

        @Override
        public String wireType() {
            return "webrtc-ice-candidate";
        }
    }

    /**
     * The end of a call ({@code webrtc-hangup}).
     *
     * @param senderId the sender's user id
     * @param target   the addressed user, or {@code null}
     * @param extras   unknown top-level fields
     */
    record Hangup(Long senderId, Long target, Map<String, Object> extras) implements Signal {

        /**
         * Copies {@code extras}, leaving out any field a signal models ({@code type}, {@code sender_id},
         * {@code target}, {@code offer}, {@code answer}, {@code candidate}).
         *
         * @param senderId the sender's user id
         * @param target the addressed user, or {@code null}
         * @param extras unknown top-level fields
         */
        public Hangup {
            extras = Extras.copy(extras, Extras.SIGNAL_FIELDS);
        }

        @Override
        public String wireType() {
            return "webrtc-hangup";
        }
    }
}
