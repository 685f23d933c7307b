package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rooms.testing.ServerInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServer.class)
class AccountCommandsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void registerLogsInAndKeepsTokensOwnerOnly() throws Exception {
        Cli cli = new Cli();

        String email = cli.registerFresh("Ada Lovelace");

        Path tokens = cli.configHome.resolve("rooms/tokens/default.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configHome.resolve("rooms"))))
                .isEqualTo("rwx------");
        Cli.Result whoami = cli.run("whoami");
        assertThat(whoami.exitCode()).isZero();
        assertThat(whoami.out()).contains("Ada Lovelace", email, "Profile  default", TestServer.url());
    }

    @Test
    void loginWithPasswordFromStdinThenWhoamiAsJson() throws Exception {
        Cli first = new Cli();
        String email = first.registerFresh("Grace Hopper");
        Cli other = new Cli();

        Cli.Result login = other.runWithInput(Cli.password(email) + "\n", "login", "-e", email, "--password-stdin");
        Cli.Result whoami = other.run("whoami", "--json");

        assertThat(login.exitCode()).isZero();
        assertThat(login.out()).startsWith("Logged in as Grace Hopper <" + email + ">");
        JsonNode me = json.readTree(whoami.out());
        assertThat(me.get("email").asText()).isEqualTo(email);
        assertThat(me.get("name").asText()).isEqualTo("Grace Hopper");
        assertThat(me.has("date_joined")).isTrue();
    }

    @Test
    void loginPromptsForEmailOnStderr() {
        Cli first = new Cli();
        String email = first.registerFresh("Prompted User");
        Cli other = new Cli();

        Cli.Result login = other.runWithInput(email + "\n" + Cli.password(email) + "\n", "login", "--password-stdin");

        assertThat(login.exitCode()).isZero();
        assertThat(login.err()).contains("Email: ");
        assertThat(login.out()).contains(email);
    }

    @Test
    void loginWithWrongPasswordExits3() {
        Cli cli = new Cli();
        String email = cli.registerFresh("Wrong Password");
        cli.run("logout");

        Cli.Result login = cli.runWithInput("not-the-password\n", "login", "-e", email, "--password-stdin");

        assertThat(login.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(login.err()).isEqualTo("error: No active account found with the given credentials\n");
        assertThat(login.out()).isEmpty();
    }

    @Test
    void commandWhenTheServerRateLimitsThenSaysHowLongToWaitAndExits8() {
        try (ServerInstance tight = TestServer.start(Map.of("rooms.rate-limit.rest-user", "2/1h"))) {
            Cli cli = new Cli();
            cli.variables.put("ROOMS_SERVER", tight.url());
            cli.registerFresh("Busy Bee");
            Cli.Result result = cli.run("room", "list");
            for (int i = 0; i < 5 && result.exitCode() == ExitCodes.OK; i++) {
                result = cli.run("room", "list");
            }

            assertThat(result.exitCode()).isEqualTo(ExitCodes.RATE_LIMITED);
            assertThat(result.err()).matches(
                    "error: the server is rate limiting this client; try again in 30 minutes\n");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void loginWithoutTerminalOrPasswordStdinIsAUsageError() {
        Cli cli = new Cli();

        Cli.Result login = cli.run("login", "-e", "someone@example.com");

        assertThat(login.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(login.err()).contains("error: no terminal to read the password from; use --password-stdin");
    }

    @Test
    void registerWithInvalidInputPrintsFieldErrorsAndExits1() {
        Cli cli = new Cli();

        Cli.Result result = cli.runWithInput("password\n", "register", "-e", "not-an-email", "-n", "X",
                "--password-stdin");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).startsWith("error: ");
        assertThat(result.err().lines().skip(1)).isNotEmpty().allMatch(line -> line.startsWith("  "));
        assertThat(result.err()).contains("  email: ").doesNotContain("Exception");
    }

    @Test
    void commandsNeedingLoginExit3WhenLoggedOut() {
        Cli cli = new Cli();
        cli.registerFresh("Leaving Soon");

        Cli.Result logout = cli.run("logout");
        Cli.Result whoami = cli.run("whoami");
        Cli.Result rooms = cli.run("room", "list");

        assertThat(logout.out()).isEqualTo("Logged out.\n");
        assertThat(cli.configHome.resolve("rooms/tokens/default.json")).doesNotExist();
        assertThat(whoami.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(whoami.err()).contains("not logged in", "rooms login");
        assertThat(rooms.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
    }

    @Test
    void revokedSessionExits3WithAHint() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Revoked");
        Path tokens = cli.configHome.resolve("rooms/tokens/default.json");
        Files.writeString(tokens, "{\"server\": \"" + TestServer.url() + "/\", \"access\": \"not-a-jwt\", "
                + "\"refresh\": \"not-a-jwt\"}");

        Cli.Result result = cli.run("room", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(result.err()).startsWith("error: the server rejected the session").contains("rooms login");
    }

    @Test
    void profileShowUpdateAndDelete() throws Exception {
        Cli cli = new Cli();
        String email = cli.registerFresh("Old Name");

        Cli.Result shown = cli.run("profile", "show");
        Cli.Result updated = cli.run("profile", "update", "--name", "New Name", "--json");
        Cli.Result refused = cli.run("profile", "delete");
        Cli.Result deleted = cli.run("profile", "delete", "--yes");

        assertThat(shown.out()).contains("Name    Old Name", "Email   " + email);
        assertThat(json.readTree(updated.out()).get("name").asText()).isEqualTo("New Name");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("--yes");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).contains("Deleted the account New Name");
        Cli.Result login = cli.runWithInput(Cli.password(email) + "\n", "login", "-e", email, "--password-stdin");
        assertThat(login.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
    }

    @Test
    void profileDeleteAsksWhenInteractiveAndKeepsTheAccountUnlessConfirmed() {
        Cli cli = new Cli();
        cli.registerFresh("Careful");
        cli.interactive = true;

        Cli.Result kept = cli.runWithInput("no\n", "profile", "delete");
        Cli.Result stillThere = cli.run("whoami");
        Cli.Result deleted = cli.runWithInput("yes\n", "profile", "delete");

        assertThat(kept.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(kept.err()).contains("Type 'yes' to confirm", "the account was kept");
        assertThat(stillThere.exitCode()).isZero();
        assertThat(deleted.exitCode()).isZero();
    }

    @Test
    void profileUpdateWithoutChangesIsAUsageError() {
        Cli cli = new Cli();
        cli.registerFresh("Unchanged");

        Cli.Result result = cli.run("profile", "update");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: nothing to change").contains("Try 'rooms profile update --help'");
    }
}
