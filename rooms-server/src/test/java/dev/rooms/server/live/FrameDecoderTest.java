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
    void decodeWhenContentAtLimitThenChatAndAboveThenDropped() {
        String atLimit = "\uD83D\uDE00".repeat(5000); // code points, not UTF-16 units, count
        assertThat(decoder.decode("{\"content\":\"" + atLimit + "\"}")).isInstanceOf(InboundFrame.Chat.class);
        assertThat(decoder.decode("{\"content\":\"" + "a".repeat(5001) + "\"}")).isInstanceOf(InboundFrame.Dropped.class);
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
            "{}",
            "{\"content\":\"   \"}",
            "{\"content\":\"\"}",
            "{\"content\":null}",
            "{\"content\":12}",
            "{\"content\":{\"a\":1}}",
            "{\"type\":\"webrtc-bogus\",\"content\":\"hi\"}",
            "{\"type\":\"webrtc-offer\",\"target\":\"bob\"}",
            "{\"type\":\"webrtc-offer\",\"target\":1.5}",
    })
    void decodeWhenUnusableThenDroppedWithReason(String text) {
        InboundFrame frame = decoder.decode(text);

        assertThat(frame).isInstanceOfSatisfying(InboundFrame.Dropped.class,
                dropped -> assertThat(dropped.reason()).isNotBlank());
    }
}
