package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.sdk.testing.ReadmeJavaBlock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start compiles and runs as written; rooms-server runs it twice against the real server. */
class ReadmeQuickStartTest {

    @TempDir
    Path work;

    @Test
    void quickStartInTheReadmeCompilesAndRunsAsWritten() throws Exception {
        ReadmeJavaBlock quickStart = ReadmeJavaBlock.compile(Path.of("README.md"), work);

        try (FakeRoomServer server = new FakeRoomServer()) {
            quickStart.runMain(server.baseUrl());

            FakeRoomServer.Peer peer = server.nextPeer();
            assertThat(peer.nextFrame().get("content").asText()).isEqualTo("Hello, everyone!");
        }
    }
}
