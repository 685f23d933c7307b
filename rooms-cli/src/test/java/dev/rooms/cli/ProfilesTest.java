package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Named profiles end to end: two accounts on one machine, and the server remembered by login. */
@ExtendWith(TestServer.class)
class ProfilesTest {

    @Test
    void loginWithServerFlagRemembersTheServerForThatProfile() {
        Cli cli = new Cli();
        String email = cli.registerFresh("Profile Owner");
        cli.variables.remove("ROOMS_SERVER");

        Cli.Result login = cli.runWithInput(Cli.password(email) + "\n", "--profile", "work", "--server",
                TestServer.url(), "login", "-e", email, "--password-stdin");
        Cli.Result whoami = cli.run("whoami", "--profile", "work");

        assertThat(login.exitCode()).isZero();
        assertThat(login.out()).contains("(profile work)");
        assertThat(whoami.exitCode()).isZero();
        assertThat(whoami.out()).contains(email, "(from profile work)", "Profile  work");
        assertThat(cli.configHome.resolve("rooms/config")).content()
                .contains("[work]\nserver = " + TestServer.url()).doesNotContain("[default]");
    }

    @Test
    void twoProfilesKeepTwoAccounts() {
        Cli cli = new Cli();
        String first = cli.registerFresh("First Account");
        cli.variables.put("ROOMS_PROFILE", "second");
        String second = cli.registerFresh("Second Account");

        Cli.Result asSecond = cli.run("whoami");
        Cli.Result asFirst = cli.run("whoami", "--profile", "default");

        assertThat(asSecond.out()).contains(second).doesNotContain(first);
        assertThat(asFirst.out()).contains(first).doesNotContain(second);
        assertThat(cli.configHome.resolve("rooms/tokens/second.json")).exists();
    }

    @Test
    void serverFlagBeatsTheEnvironment() {
        Cli cli = new Cli();
        cli.registerFresh("Flag Wins");
        cli.variables.put("ROOMS_SERVER", "http://127.0.0.1:9");

        Cli.Result viaEnv = cli.run("room", "list");
        Cli.Result viaFlag = cli.run("room", "list", "--server", TestServer.url());

        assertThat(viaEnv.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(viaEnv.err()).startsWith("error: not logged in to http://127.0.0.1:9;");
        assertThat(viaFlag.exitCode()).isZero();
    }
}
