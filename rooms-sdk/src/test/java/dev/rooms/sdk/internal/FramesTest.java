package dev.rooms.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramesTest {

    private static final String USER = "{\"id\":2,\"email\":\"o@example.com\",\"name\":\"Other\"}";
    private static final UserSummary OTHER = new UserSummary(2, "o@example.com", "Other");

    @Test
    void chatFrameWithoutATypeIsAMessage() {
        Object frame = Frames.decode("{\"id\":7,\"user\":" + USER + ",\"content\":\"hi\","
                + "\"created_at\":\"2026-12-04T10:00:00Z\",\"nonce\":\"n-1\",\"new_field\":true}");

        assertThat(frame).isEqualTo(new Message(7, OTHER, "hi", Instant.parse("2026-12-04T10:00:00Z"), "n-1"));
    }

    @Test
    void everySignalKindIsReadWithSenderTargetAndUnknownFields() {
        Object offer = Frames.decode("{\"type\":\"webrtc-offer\",\"sender_id\":5,\"target\":9,\"call_id\":\"c-1\","
                + "\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\",\"x\":[1,null]}}");
        Object answer = Frames.decode("{\"type\":\"webrtc-answer\",\"sender_id\":6,"
                + "\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"}}");
        Object ice = Frames.decode("{\"type\":\"webrtc-ice-candidate\",\"sender_id\":5,\"candidate\":{"
                + "\"candidate\":\"candidate:1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"u\"}}");
        Object hangup = Frames.decode("{\"type\":\"webrtc-hangup\",\"sender_id\":5,\"meta\":{\"why\":\"bye\"}}");

        assertThat(offer).isEqualTo(new Signal.Offer(new SessionDescription("offer", "v=0",
                Map.of("x", Arrays.asList(1, null))), 5L, 9L, Map.of("call_id", "c-1")));
        assertThat(answer).isEqualTo(new Signal.Answer(new SessionDescription("answer", "v=1"), 6L, null, Map.of()));
        assertThat(ice).isEqualTo(new Signal.IceCandidate(new Candidate("candidate:1", "0", 0,
                Map.of("usernameFragment", "u")), 5L, null, Map.of()));
        assertThat(hangup).isEqualTo(new Signal.Hangup(5L, null, Map.of("meta", Map.of("why", "bye"))));
    }

    @Test
    void optInEventsAreReadIntoTheirTypes() {
        Object joined = Frames.decode("{\"type\":\"presence\",\"event\":\"join\",\"user\":" + USER
                + ",\"at\":\"2026-12-04T10:00:00Z\"}");
        Object left = Frames.decode("{\"type\":\"presence\",\"event\":\"leave\",\"user\":" + USER
                + ",\"at\":\"2026-12-04T10:00:01Z\"}");
        Object typing = Frames.decode("{\"type\":\"typing\",\"user\":" + USER + "}");
        Object edited = Frames.decode("{\"type\":\"message-updated\",\"id\":7,\"user\":" + USER
                + ",\"content\":\"fixed\",\"created_at\":\"2026-12-04T10:00:00Z\",\"edited_at\":\"2026-12-04T10:01:00Z\"}");
        Object deleted = Frames.decode("{\"type\":\"message-deleted\",\"id\":7}");
        Object refusal = Frames.decode("{\"type\":\"error\",\"nonce\":\"n-1\",\"code\":\"throttled\","
                + "\"detail\":\"Slow down.\",\"retry_after\":3}");

        assertThat(joined).isEqualTo(new PresenceEvent(PresenceEvent.Kind.JOIN, OTHER,
                Instant.parse("2026-12-04T10:00:00Z")));
        assertThat(left).isEqualTo(new PresenceEvent(PresenceEvent.Kind.LEAVE, OTHER,
                Instant.parse("2026-12-04T10:00:01Z")));
        assertThat(typing).isEqualTo(new Frames.Typing(OTHER));
        assertThat(edited).isEqualTo(new EditedMessage(new Message(7, OTHER, "fixed",
                Instant.parse("2026-12-04T10:00:00Z"), null), Instant.parse("2026-12-04T10:01:00Z")));
        assertThat(deleted).isEqualTo(new Frames.Deleted(7));
        assertThat(refusal).isEqualTo(new Frames.Refusal("n-1", "throttled", "Slow down.", 3L));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json", "[1,2]", "42", "{}",
        "{\"type\":\"webrtc-unknown\",\"sender_id\":5}",
        "{\"type\":\"webrtc-offer\",\"sender_id\":5}",
        "{\"type\":\"presence\",\"event\":\"wave\",\"user\":" + USER + ",\"at\":\"2026-12-04T10:00:00Z\"}",
        "{\"type\":\"presence\",\"event\":\"join\",\"at\":\"2026-12-04T10:00:00Z\"}",
        "{\"type\":\"typing\"}",
        "{\"type\":\"message-deleted\"}",
        "{\"type\":\"message-updated\",\"id\":7,\"user\":" + USER + ",\"content\":\"x\"}",
        "{\"user\":" + USER + ",\"content\":\"no id\"}",
        "{\"id\":7,\"user\":" + USER + "}",
        "{\"type\":\"something-new\",\"payload\":1}"
    })
    void framesThatAreNothingTheSdkKnowsAreIgnored(String text) {
        assertThat(Frames.decode(text)).isNull();
    }

    @Test
    void signalsAreWrittenWithTheirTypeTargetAndExtrasButNeverTheSender() throws Exception {
        Signal received = (Signal) Frames.decode("{\"type\":\"webrtc-ice-candidate\",\"sender_id\":5,\"n\":null,"
                + "\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMid\":null,\"sdpMLineIndex\":0,\"u\":\"abc\"}}");

        assertThat(Frames.offer(new SessionDescription("offer", "v=0"), 7L))
                .isEqualTo("{\"type\":\"webrtc-offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"target\":7}");
        assertThat(Frames.hangup(null)).isEqualTo("{\"type\":\"webrtc-hangup\"}");
        assertThat(tree(Frames.signal(received))).isEqualTo(tree("{\"type\":\"webrtc-ice-candidate\",\"n\":null,"
                + "\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMid\":null,\"sdpMLineIndex\":0,\"u\":\"abc\"}}"));
    }

    @Test
    void extrasNamedLikeAModelledFieldNeverOverrideIt() throws Exception {
        Signal handBuilt = new Signal.Offer(new SessionDescription("offer", "v=0", Map.of("sdp", "evil", "a", 1)),
                5L, null, Map.of("type", "webrtc-hangup", "sender_id", 1, "target", 3, "b", 2));

        String frame = Frames.signal(handBuilt);

        assertThat(tree(frame)).isEqualTo(tree("{\"type\":\"webrtc-offer\",\"b\":2,"
                + "\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\",\"a\":1}}"));
        assertThat(frame.split("\"type\"", -1)).as("one type per object").hasSize(3);
    }

    @Test
    void chatAndTypingFramesAreWrittenAsTheServerReadsThem() {
        assertThat(Frames.chat("hi \"you\"", "n-1")).isEqualTo("{\"content\":\"hi \\\"you\\\"\",\"nonce\":\"n-1\"}");
        assertThat(Frames.typing()).isEqualTo("{\"type\":\"typing\"}");
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }
}
