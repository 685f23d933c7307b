package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rooms.sdk.testing.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Credentials belong to one server: a profile's tokens are sent to the server they came from and nowhere else. */
@ExtendWith(TestServer.class)
class CredentialsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anotherServerByFlagOrEnvironmentIsNotLoggedInAndReceivesNoTokenAtAll() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Ada");
        try (MockWebServer other = new MockWebServer()) {
            other.start();
            String otherUrl = other.url("/").toString();

            Cli.Result viaFlag = cli.run("--server", otherUrl, "room", "list");
            Cli.Result logoutThere = cli.run("--server", otherUrl, "logout");
            cli.variables.put("ROOMS_SERVER", otherUrl);
            Cli.Result viaEnvironment = cli.run("whoami");
            Cli.Result following = cli.run("messages", "1", "--follow");

            assertThat(viaFlag.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
            assertThat(viaFlag.err()).isEqualTo("error: not logged in to " + otherUrl + "; run 'rooms login --server "
                    + otherUrl + "' first\n");
            assertThat(logoutThere.exitCode()).isZero();
            assertThat(logoutThere.out()).isEqualTo("Not logged in.\n");
            assertThat(viaEnvironment.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
            assertThat(viaEnvironment.err()).isEqualTo("error: not logged in to " + otherUrl
                    + "; run 'rooms login' first\n");
            assertThat(following.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
            // Not one request: no access token, no refresh token, no logout with the refresh token.
            assertThat(other.getRequestCount()).isZero();
        }
        cli.variables.put("ROOMS_SERVER", TestServer.url());
        assertThat(cli.run("room", "list").exitCode()).isZero();
    }

    @Test
    void loggingInOnTheOtherServerMovesTheProfileThereAndTheFirstServerAsksForALoginAgain() throws Exception {
        Cli cli = new Cli();
        String email = cli.registerFresh("Mover");
        try (TcpProxy secondAddress = new TcpProxy(TestServer.port())) {
            cli.variables.remove("ROOMS_SERVER");

            Cli.Result before = cli.run("--server", secondAddress.url(), "whoami");
            Cli.Result login = cli.runWithInput(Cli.password(email) + "\n", "--server", secondAddress.url(), "login",
                    "-e", email, "--password-stdin");
            Cli.Result after = cli.run("whoami");
            Cli.Result first = cli.run("--server", TestServer.url(), "whoami");

            assertThat(before.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
            assertThat(login.exitCode()).isZero();
            assertThat(after.exitCode()).isZero();
            assertThat(after.out()).contains(email, secondAddress.url() + " (from profile default)");
            assertThat(first.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
            Path tokens = cli.configHome.resolve("rooms/tokens/default.json");
            assertThat(json.readTree(tokens.toFile()).get("server").asText()).isEqualTo(secondAddress.url() + "/");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
        }
    }

    @Test
    void aTokenFileWithoutAServerKeepsWorkingForTheProfilesOwnServerOnly() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Old Timer");
        Path tokens = cli.configHome.resolve("rooms/tokens/default.json");
        ObjectNode old = (ObjectNode) json.readTree(tokens.toFile());
        old.remove("server");
        Files.writeString(tokens, json.writeValueAsString(old));
        Files.writeString(cli.configHome.resolve("rooms/config"), "[default]\nserver = " + TestServer.url() + "\n");
        cli.variables.remove("ROOMS_SERVER");

        Cli.Result ownServer = cli.run("whoami");
        try (TcpProxy elsewhere = new TcpProxy(TestServer.port())) {
            Cli.Result otherServer = cli.run("--server", elsewhere.url(), "whoami");

            assertThat(ownServer.exitCode()).isZero();
            assertThat(ownServer.out()).contains("Old Timer");
            assertThat(otherServer.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        }
    }
}
