package dev.rooms.cli;

import dev.rooms.cli.shell.TerminalOpener;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.TokenStore;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Runs {@code rooms} in-process through {@link Main#run(Environment, PrintWriter, PrintWriter, String...)} with a
 * private config directory, captured output and chosen environment variables. One instance is one user's machine.
 */
final class Cli {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    final Path configHome;
    final Map<String, String> variables = new HashMap<>();
    boolean interactive;
    TerminalOpener terminals = () -> {
        throw new IOException("no terminal in this test");
    };

    Cli() {
        try {
            configHome = Files.createTempDirectory("rooms-cli-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        variables.put("XDG_CONFIG_HOME", configHome.toString());
        variables.put("ROOMS_SERVER", TestServer.url());
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return runWithInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    Result runWithInput(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(variables, stdin, null, interactive, terminals);
        int code = Main.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Registers a fresh account through the CLI (which logs it in) and returns its email. */
    String registerFresh(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@example.com";
        Result result = runWithInput(password(email) + "\n", "register", "--email", email, "--name", name,
                "--password-stdin");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("register failed: " + result);
        }
        return email;
    }

    /** An SDK client logged in with this machine's tokens, to arrange and check things beside the CLI. */
    RoomsClient sdk() {
        return RoomsClient.builder().baseUrl(TestServer.url())
                .tokenStore(TokenStore.file(configHome.resolve("rooms/tokens/default.json"))).build();
    }

    /** Creates a room of this account named {@code prefix} and a short random suffix, so tests never collide. */
    Room createRoom(String prefix, RoomType type) {
        return sdk().rooms().create(prefix + " " + UUID.randomUUID().toString().substring(0, 6), null, type);
    }

    static String password(String email) {
        return "correct-horse-" + email.hashCode() + "-battery";
    }
}
