package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conventions scripts and people expect from a CLI like gh: --quiet, JSON errors, auth status, logout. */
@ExtendWith(TestServer.class)
class ConventionsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void quietPrintsOnlyTheIdsOfWhatACommandShows() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Quiet Quinn");
        String name = "Quiet " + UUID.randomUUID();

        Cli.Result created = cli.run("room", "create", name, "-q");
        Cli.Result listed = cli.run("room", "list", "--search", name, "--quiet");
        Cli.Result sent = cli.run("send", name, "hello", "--json");
        Cli.Result history = cli.run("messages", name, "-q");

        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).matches("[0-9]+\n");
        assertThat(listed.out()).isEqualTo(created.out());
        assertThat(history.out()).isEqualTo(json.readTree(sent.out()).get("id").asText() + "\n");
        assertThat(cli.run("logout", "-q").out()).isEmpty();
    }

    @Test
    void errorUnderJsonIsOneJsonObjectOnStderrWithTheExitCodeAndTheServersAnswer() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Json Jo");

        Cli.Result missing = cli.run("room", "show", "987654321", "--json");
        Cli.Result invalid = cli.run("profile", "update", "--email", "not-an-address", "--json");
        Cli.Result usage = cli.run("messages", "1", "--last", "0", "-o", "json");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err().lines()).hasSize(1);
        JsonNode notFound = json.readTree(missing.err());
        assertThat(notFound.get("exit_code").asInt()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(notFound.get("error").asText()).contains("987654321");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(invalid.err().lines()).hasSize(1);
        JsonNode error = json.readTree(invalid.err());
        assertThat(error.get("exit_code").asInt()).isEqualTo(ExitCodes.ERROR);
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("field_errors").get("email").get(0).asText()).isNotBlank();
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        JsonNode usageError = json.readTree(usage.err());
        assertThat(usageError.get("exit_code").asInt()).isEqualTo(ExitCodes.USAGE);
        assertThat(usageError.get("error").asText()).contains("--last");
        assertThat(usageError.has("status")).isFalse();
    }

    @Test
    void lastOfZeroOrLessIsAUsageError() {
        Cli cli = new Cli();
        cli.registerFresh("Last Lou");
        String room = "Last " + UUID.randomUUID();
        cli.run("room", "create", room);

        Cli.Result zero = cli.run("messages", room, "--last", "0");
        Cli.Result negative = cli.run("messages", room, "--last", "-1");

        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).startsWith("error: --last: ");
        assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).startsWith("error: --last: ");
    }

    @Test
    void roomNamedWithDigitsIsReachedWithTheNamePrefixAndTheIdMissHintsAtIt() {
        Cli cli = new Cli();
        cli.registerFresh("Digit Dora");
        String digits = String.valueOf(900_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(),
                99_999_999L));
        cli.run("room", "create", digits);
        cli.run("send", "name:" + digits, "twenty twenty-four");

        Cli.Result byName = cli.run("messages", "name:" + digits, "--json");
        Cli.Result byId = cli.run("room", "show", digits);

        assertThat(byName.exitCode()).isZero();
        assertThat(byName.out()).contains("twenty twenty-four");
        assertThat(byId.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(byId.err()).isEqualTo("error: no room with id " + digits + " (for a room named '" + digits
                + "', write name:" + digits + ")\n");
    }

    @Test
    void authStatusShowsEveryProfileItsServerUserAndSession() throws Exception {
        Cli cli = new Cli();
        String email = cli.registerFresh("Status Sam");
        Files.writeString(cli.configHome.resolve("rooms/config"), "\n[elsewhere]\nserver = http://127.0.0.1:9/\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        Cli.Result table = cli.run("auth", "status");
        Cli.Result asJson = cli.run("auth", "status", "--json");
        Cli.Result nobody = cli.run("--profile", "elsewhere", "auth", "status", "--json");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines()).anyMatch(line -> line.startsWith("*") && line.contains("default")
                && line.contains(TestServer.url()) && line.contains("Status Sam") && line.contains("until "));
        assertThat(table.out().lines()).anyMatch(line -> line.contains("elsewhere") && line.contains("not logged in"));
        JsonNode statuses = json.readTree(asJson.out());
        JsonNode mine = statuses.findParents("profile").stream()
                .filter(node -> node.get("profile").asText().equals("default")).findFirst().orElseThrow();
        assertThat(mine.get("status").asText()).isEqualTo("logged_in");
        assertThat(mine.get("active").asBoolean()).isTrue();
        assertThat(mine.get("user").get("email").asText()).isEqualTo(email);
        assertThat(mine.get("refresh_expires_at").asText()).isNotBlank();
        assertThat(nobody.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
    }

    @Test
    void logoutWhenTheServerIsUnreachableThenExit6AndKeepsTheTokensUnlessLocal() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Offline Olga");
        String closed = "http://127.0.0.1:" + closedPort();
        Path tokens = cli.configHome.resolve("rooms/tokens/default.json");
        // The same tokens, as if they came from a server that is down now.
        Files.writeString(tokens, Files.readString(tokens).replace(TestServer.url(), closed));
        cli.variables.put("ROOMS_SERVER", closed);

        Cli.Result refused = cli.run("logout");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(refused.err()).startsWith("error: cannot reach the server at " + closed)
                .contains("stays valid", "tokens are kept", "rooms logout --local");
        assertThat(tokens).exists();

        Cli.Result local = cli.run("logout", "--local");

        assertThat(local.exitCode()).isZero();
        assertThat(local.out()).contains("Deleted the local tokens");
        assertThat(tokens).doesNotExist();
    }

    @Test
    void damagedTokenFileIsNamedWithTheFix() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Damaged Dan");
        Path tokens = cli.configHome.resolve("rooms/tokens/default.json");
        Files.writeString(tokens, "{\"server\": \"http://");

        Cli.Result result = cli.run("whoami");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: the token file " + tokens + " is damaged (it is not the JSON this "
                + "SDK writes); delete it and log in again\n");
    }

    @Test
    void damagedConfigFileIsNamedWithTheFix() throws Exception {
        Cli cli = new Cli();
        Files.createDirectories(cli.configHome.resolve("rooms"));
        Path config = cli.configHome.resolve("rooms/config");
        Files.writeString(config, "[default]\nserver http://localhost:8000\n");

        Cli.Result result = cli.run("whoami");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.err()).isEqualTo("error: the config file " + config + " is damaged: cannot understand line "
                + "'server http://localhost:8000' (expected [profile] or key = value); correct or delete that line\n");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
