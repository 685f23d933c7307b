package dev.rooms.server.live;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FrameDecoderTest {

    private final FrameDecoder decoder = new FrameDecoder(JsonMapper.builder().build(), 5000);

    @Test
    void decodeWhenContentThenChatWithoutNonce() {
        assertThat(decoder.decode("{\"content\":\"hi\"}")).isEqualTo(new InboundFrame.Chat("hi", null));
    }

    @Test
    void decodeWhenNonceThenKeptUnlessTooLongOrNotString() {
        assertThat(decoder.decode("{\"content\":\"hi\",\"nonce\":\"n-1\"}")).isEqualTo(new InboundFrame.Chat("hi", "n-1"));
        assertThat(decoder.decode("{\"content\":\"hi\",\"nonce\":\"" + "x".repeat(65) + "\"}"))
                .isEqualTo(new InboundFrame.Chat("hi", null));
        assertThat(decoder.decode("{\"content\":\"hi\",\"nonce\":5}")).isEqualTo(new InboundFrame.Chat("hi", null));
    }

    @Test
    void decodeWhenOtherTypeWithContentThenStillChat() {
        assertThat(decoder.decode("{\"type\":\"chat\",\"content\":\"hi\"}")).isEqualTo(new InboundFrame.Chat("hi", null));
    }

    @Test
    void decodeWhenTypingWithoutContentThenTypingAndWithContentThenChatAsTheOriginalTookIt() {
        assertThat(decoder.decode("{\"type\":\"typing\"}")).isEqualTo(new InboundFrame.Typing());
        assertThat(decoder.decode("{\"type\":\"typing\",\"content\":\"hi\"}"))
                .isEqualTo(new InboundFrame.Chat("hi", null));
    }

    @Test
    void decodeWhenContentAtLimitThenChatAndAboveThenRefusedAsTooLong() {
        String atLimit = "\uD83D\uDE00".repeat(5000); // code points, not UTF-16 units, count
        assertThat(decoder.decode("{\"content\":\"" + atLimit + "\"}")).isInstanceOf(InboundFrame.Chat.class);
        assertThat(decoder.decode("{\"content\":\"" + "a".repeat(5001) + "\",\"nonce\":\"n\"}"))
                .isEqualTo(new InboundFrame.Refused(
                        new ChatRefusal("content_too_long", "Ensure this field has no more than 5000 characters."), "n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                | content_missing    | This field is required.",
            "{\"type\":\"chat\"}                                | content_missing    | This field is required.",
            "{\"content\":null}                                | content_missing    | This field may not be null.",
            "{\"content\":12}                                  | content_not_string | Not a valid string.",
            "{\"content\":{\"a\":1}}                           | content_not_string | Not a valid string.",
            "{\"content\":[\"a\"]}                             | content_not_string | Not a valid string.",
            "{\"content\":\"\"}                                | content_blank      | This field may not be blank.",
            "{\"content\":\"  \\n\\t \"}                         | content_blank      | This field may not be blank.",
    })
    void decodeWhenChatWithoutUsableContentThenRefusedWithCodeAndDetail(String text, String code, String detail) {
        ChatRefusal refusal = new ChatRefusal(code, detail);

        assertThat(decoder.decode(text)).isEqualTo(new InboundFrame.Refused(refusal, null));
        assertThat(decoder.decode(withNonce(text, "\"n-1\""))).isEqualTo(new InboundFrame.Refused(refusal, "n-1"));
        assertThat(decoder.decode(withNonce(text, "7"))).isEqualTo(new InboundFrame.Refused(refusal, null));
        assertThat(decoder.decode(withNonce(text, "\"" + "x".repeat(65) + "\"")))
                .isEqualTo(new InboundFrame.Refused(refusal, null));
    }

    private static String withNonce(String frame, String nonce) {
        return frame.substring(0, frame.length() - 1) + (frame.equals("{}") ? "" : ",") + "\"nonce\":" + nonce + "}";
    }

    @Test
    void errorFrameThenTypeNonceCodeAndDetailInThatOrder() {
        String frame = ChatRefusal.contentBlank().errorFrame(JsonMapper.builder().build(), "n-\"1");

        assertThat(frame).isEqualTo(
                "{\"type\":\"error\",\"nonce\":\"n-\\\"1\",\"code\":\"content_blank\",\"detail\":\"This field may not be blank.\"}");
    }

    @Test
    void decodeWhenSignalThenFieldsAndTarget() {
        InboundFrame frame = decoder.decode("{\"type\":\"webrtc-offer\",\"offer\":{\"sdp\":\"v=0\"},\"target\":7}");

        assertThat(frame).isInstanceOf(InboundFrame.Signal.class);
        InboundFrame.Signal signal = (InboundFrame.Signal) frame;
        assertThat(signal.target()).isEqualTo(7L);
        assertThat(signal.fields().get("offer").get("sdp").stringValue()).isEqualTo("v=0");
    }

    @Test
    void decodeWhenEverySignalTypeThenSignalWithoutTarget() {
        for (String type : FrameDecoder.SIGNAL_TYPES) {
            assertThat(decoder.decode("{\"type\":\"" + type + "\"}"))
                    .isInstanceOfSatisfying(InboundFrame.Signal.class, signal -> assertThat(signal.target()).isNull());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json",
            "{\"content\":\"hi\"",
            "[1,2]",
            "\"hello\"",
            "42",
            "null",
            "{\"type\":\"webrtc-bogus\",\"content\":\"hi\",\"nonce\":\"n-1\"}",
            "{\"type\":\"webrtc-offer\",\"target\":\"bob\"}",
            "{\"type\":\"webrtc-offer\",\"target\":1.5}",
    })
    void decodeWhenUnusableThenDroppedWithReason(String text) {
        InboundFrame frame = decoder.decode(text);

        assertThat(frame).isInstanceOfSatisfying(InboundFrame.Dropped.class,
                dropped -> assertThat(dropped.reason()).isNotBlank());
    }
}
