package dev.rooms.server.live;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.rooms.testing.TestUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Chat frames the server refuses: answered to a sender that gave a nonce, silent otherwise. */
class RefusedChatSocketTest extends LiveServerTest {

    private static final String TOO_LONG = "{\"content\":\"" + "a".repeat(16_001) + "\"";

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(TOO_LONG, "content_too_long", "Ensure this field has no more than 16000 characters."),
                Arguments.of("{\"content\":\" \\n \"", "content_blank", "This field may not be blank."),
                Arguments.of("{\"content\":42", "content_not_string", "Not a valid string."),
                Arguments.of("{\"content\":null", "content_missing", "This field may not be null."),
                Arguments.of("{\"type\":\"chat\"", "content_missing", "This field is required."));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("refusals")
    void refusedChatWithNonceThenErrorFrameToThatConnectionOnlyAndOthersSeeNothing(String frameWithoutEnd,
                                                                                   String code, String detail) {
        TestUser alice = api.register("Alice");
        TestUser bob = api.register("Bob");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = connect(room, alice);
        SocketClient aliceOtherSocket = connect(room, alice);
        SocketClient bobSocket = connect(room, bob);

        aliceSocket.send(frameWithoutEnd + ",\"nonce\":\"n-1\"}");
        JsonNode error = aliceSocket.next();
        aliceSocket.sendJson(Map.of("content", "next", "nonce", "n-2"));

        assertThat(error.propertyNames()).containsExactly("type", "nonce", "code", "detail");
        assertThat(error.get("type").stringValue()).isEqualTo("error");
        assertThat(error.get("nonce").stringValue()).isEqualTo("n-1");
        assertThat(error.get("code").stringValue()).isEqualTo(code);
        assertThat(error.get("detail").stringValue()).isEqualTo(detail);
        assertThat(aliceSocket.next().get("nonce").stringValue()).isEqualTo("n-2");
        for (SocketClient other : List.of(aliceOtherSocket, bobSocket)) {
            assertThat(other.next().get("content").stringValue()).isEqualTo("next");
        }
        assertThat(api.history(alice, room)).extracting(m -> m.get("content").stringValue()).containsExactly("next");
        assertThat(aliceSocket.isOpen()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"nonce\":7", ",\"nonce\":null",
            ",\"nonce\":\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\""}) // 65 characters
    void refusedChatWithoutUsableNonceThenNothingAsTheSpecSays(String nonce) {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = connect(room, alice);

        for (String refused : List.of(TOO_LONG, "{\"content\":\"  \"", "{\"content\":42", "{\"content\":null",
                "{\"type\":\"chat\"")) {
            aliceSocket.send(refused + nonce + "}");
        }
        aliceSocket.sendJson(Map.of("content", "only this"));

        JsonNode first = aliceSocket.next();
        assertThat(first.propertyNames()).containsExactly("id", "user", "content", "created_at");
        assertThat(first.get("content").stringValue()).isEqualTo("only this");
        assertThat(aliceSocket.nothingReceived()).isTrue();
    }

    @Test
    void refusedSignalLikeFramesWithNonceThenStillDroppedSilently() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = connect(room, alice);

        aliceSocket.send("{\"type\":\"webrtc-bogus\",\"content\":\"x\",\"nonce\":\"n-1\"}");
        aliceSocket.send("{\"type\":\"webrtc-offer\",\"target\":\"bob\",\"nonce\":\"n-2\"}");
        aliceSocket.send("[{\"content\":\"x\",\"nonce\":\"n-3\"}]");
        aliceSocket.sendJson(Map.of("content", "only this"));

        assertThat(aliceSocket.next().get("content").stringValue()).isEqualTo("only this");
    }

    @ParameterizedTest
    @ValueSource(ints = {6_000, 16_000})
    void sendWhenLongMessageWithinTheLimitThenStoredAndBroadcast(int length) {
        TestUser alice = api.register("Alice");
        TestUser bob = api.register("Bob");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = connect(room, alice);
        SocketClient bobSocket = connect(room, bob);
        String content = "x".repeat(length);

        aliceSocket.sendJson(Map.of("content", content, "nonce", "long"));

        assertThat(aliceSocket.next().get("content").stringValue()).isEqualTo(content);
        assertThat(bobSocket.next().get("content").stringValue()).isEqualTo(content);
        assertThat(api.history(bob, room)).extracting(m -> m.get("content").stringValue()).containsExactly(content);
    }

    @Test
    void sendWhenLimitOfFourByteCharactersThenTheFrameFitsAndIsStored() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = connect(room, alice);
        String emoji = "\uD83D\uDE00".repeat(16_000); // 64,000 bytes of UTF-8: the worst case the frame limit allows for

        aliceSocket.sendJson(Map.of("content", emoji, "nonce", "n".repeat(64)));

        assertThat(aliceSocket.next().get("content").stringValue()).isEqualTo(emoji);
    }
}
