package dev.rooms.server.live;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ChatPathTest {

    @ParameterizedTest
    @CsvSource({"/ws/chat/12/, 12", "/ws/chat/12, 12", "/ws/chat/0/, 0", "/ws/chat/007/, 7",
            "/ws/chat/999999999999999999/, 999999999999999999"})
    void roomIdWhenARoomsPathThenItsId(String path, long id) {
        assertThat(ChatPath.roomId(path)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ws/chat/", "/ws/chat", "/ws/chat//", "/ws/chat/abc/", "/ws/chat/1/x", "/ws/chat/1//",
            "/ws/chat//1/", "/ws/chat/%31/", "/ws/chat/1;x/", "/ws/chat/-1/", "/ws/chat/+1/", "/ws/chatx/1/",
            "/WS/chat/1/", "/api/rooms/1/", "/ws/chat/1234567890123456789/"})
    void roomIdWhenNotARoomsPathThenMinusOne(String path) {
        assertThat(ChatPath.roomId(path)).isEqualTo(-1);
    }
}
