package dev.rooms.sdk.internal;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.Map;

/**
 * How the live frames map onto the public model, as Jackson mix-ins, so the records in {@code dev.rooms.sdk.model}
 * carry no Jackson annotations. Registered on {@link Json#mapper()}; {@link Frames} picks the type to read.
 *
 * <p>Signals: {@code type} names the kind ({@code webrtc-offer}, ...), {@code sender_id} is read but never written
 * (the server sets it), {@code target} is written only when there is one, and every field the model does not know
 * lands in {@code extras} and is written back from it, at the top level and in the payload alike.
 */
final class FrameMixIns {

    private FrameMixIns() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Signal.Offer.class, name = "webrtc-offer"),
        @JsonSubTypes.Type(value = Signal.Answer.class, name = "webrtc-answer"),
        @JsonSubTypes.Type(value = Signal.IceCandidate.class, name = "webrtc-ice-candidate"),
        @JsonSubTypes.Type(value = Signal.Hangup.class, name = "webrtc-hangup")
    })
    interface SignalMixIn {
    }

    /**
     * What every signal record shares: the sender is read from frames, never written (Jackson calls that
     * WRITE_ONLY); the target is written only when set.
     */
    abstract static class SignalRecordMixIn {
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        abstract Long senderId();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Long target();

        @JsonAnyGetter
        abstract Map<String, Object> extras();
    }

    abstract static class OfferMixIn extends SignalRecordMixIn {
        OfferMixIn(SessionDescription offer, Long senderId, Long target, @JsonAnySetter Map<String, Object> extras) {
        }
    }

    abstract static class AnswerMixIn extends SignalRecordMixIn {
        AnswerMixIn(SessionDescription answer, Long senderId, Long target, @JsonAnySetter Map<String, Object> extras) {
        }
    }

    abstract static class IceCandidateMixIn extends SignalRecordMixIn {
        IceCandidateMixIn(Candidate candidate, Long senderId, Long target, @JsonAnySetter Map<String, Object> extras) {
        }
    }

    abstract static class HangupMixIn extends SignalRecordMixIn {
        HangupMixIn(Long senderId, Long target, @JsonAnySetter Map<String, Object> extras) {
        }
    }

    abstract static class SessionDescriptionMixIn {
        SessionDescriptionMixIn(String type, String sdp, @JsonAnySetter Map<String, Object> extras) {
        }

        @JsonAnyGetter
        abstract Map<String, Object> extras();
    }

    /** The browser's {@code RTCIceCandidateInit} keeps its camelCase names on the wire. */
    abstract static class CandidateMixIn {
        CandidateMixIn(@JsonProperty("candidate") String candidate, @JsonProperty("sdpMid") String sdpMid,
                       @JsonProperty("sdpMLineIndex") Integer sdpMLineIndex,
                       @JsonAnySetter Map<String, Object> extras) {
        }

        @JsonProperty("sdpMid")
        abstract String sdpMid();

        @JsonProperty("sdpMLineIndex")
        abstract Integer sdpMLineIndex();

        @JsonAnyGetter
        abstract Map<String, Object> extras();
    }

    /** {@code {"type": "presence", "event": "join"|"leave", "user": {...}, "at": ...}}. */
    abstract static class PresenceEventMixIn {
        PresenceEventMixIn(@JsonProperty("event") PresenceEvent.Kind kind, UserSummary user,
                           Instant at) {
        }
    }

    enum PresenceKindMixIn {
        @JsonProperty("join") JOIN,
        @JsonProperty("leave") LEAVE
    }

    /** A frame or history entry without an id is no message (a missing {@code long} would read as 0). */
    abstract static class MessageMixIn {
        MessageMixIn(@JsonProperty(value = "id", required = true) long id, UserSummary user, String content,
                     Instant createdAt, String nonce) {
        }
    }
}
