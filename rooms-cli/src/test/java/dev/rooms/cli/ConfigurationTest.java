package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server and profile precedence: flag &gt; environment &gt; profile config &gt; default. */
class ConfigurationTest {

    @TempDir
    Path home;

    @Test
    void defaultsWithoutAnything() {
        Configuration config = Configuration.resolve(environment(Map.of()), null, null);

        assertThat(config.server()).isEqualTo("http://localhost:8000");
        assertThat(config.profile()).isEqualTo("default");
        assertThat(config.tokenFile()).isEqualTo(home.resolve("rooms/tokens/default.json"));
    }

    @Test
    void profileConfigBeatsTheDefault() throws IOException {
        writeConfig("[default]\nserver = http://config-default:1\n\n[work]\nserver = https://work.example.com\n");

        Configuration plain = Configuration.resolve(environment(Map.of()), null, null);
        Configuration work = Configuration.resolve(environment(Map.of()), "work", null);
        Configuration workFromEnv = Configuration.resolve(environment(Map.of("ROOMS_PROFILE", "work")), null, null);

        assertThat(plain.server()).isEqualTo("http://config-default:1");
        assertThat(work.server()).isEqualTo("https://work.example.com");
        assertThat(work.tokenFile()).isEqualTo(home.resolve("rooms/tokens/work.json"));
        assertThat(workFromEnv.profile()).isEqualTo("work");
        assertThat(workFromEnv.serverSource()).isEqualTo("profile work");
    }

    @Test
    void environmentBeatsProfileConfigAndFlagBeatsEnvironment() throws IOException {
        writeConfig("[default]\nserver = http://config:1\n");
        Environment environment = environment(Map.of("ROOMS_SERVER", "http://env:2", "ROOMS_PROFILE", "envprofile"));

        Configuration fromEnv = Configuration.resolve(environment, null, null);
        Configuration fromFlags = Configuration.resolve(environment, "flagprofile", "http://flag:3");

        assertThat(fromEnv.server()).isEqualTo("http://env:2");
        assertThat(fromEnv.profile()).isEqualTo("envprofile");
        assertThat(fromFlags.server()).isEqualTo("http://flag:3");
        assertThat(fromFlags.profile()).isEqualTo("flagprofile");
    }

    @Test
    void withoutXdgConfigHomeTheDirectoryIsUnderHome() {
        Map<String, String> variables = Map.of("HOME", home.toString());
        Environment environment = new Environment(variables, new ByteArrayInputStream(new byte[0]), null, false,
                () -> null);

        Configuration config = Configuration.resolve(environment, null, null);

        assertThat(config.directory()).isEqualTo(home.resolve(".config/rooms"));
    }

    @Test
    void savingAServerKeepsTheOtherProfiles() throws IOException {
        writeConfig("[default]\nserver = http://one:1\n");
        Configuration work = Configuration.resolve(environment(Map.of()), "work", null);

        work.saveServer("http://two:2");

        assertThat(Configuration.resolve(environment(Map.of()), null, null).server()).isEqualTo("http://one:1");
        assertThat(Configuration.resolve(environment(Map.of()), "work", null).server()).isEqualTo("http://two:2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("rooms/config"))))
                .isEqualTo("rw-------");
    }

    @Test
    void severalRunsSavingAtOnceIntoAMissingDirectoryEachKeepTheirProfile() throws Exception {
        int runs = 6;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            for (int round = 0; round < 20; round++) {
                Path configHome = home.resolve("round-" + round);
                CyclicBarrier start = new CyclicBarrier(runs);
                List<Future<?>> saves = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    Configuration config = Configuration.resolve(environmentIn(configHome), "p" + run, null);
                    String url = "http://server-" + run + ":8000";
                    saves.add(pool.submit(() -> {
                        start.await();
                        config.saveServer(url);
                        return null;
                    }));
                }
                for (Future<?> save : saves) {
                    save.get(30, TimeUnit.SECONDS);
                }

                for (int run = 0; run < runs; run++) {
                    assertThat(Configuration.resolve(environmentIn(configHome), "p" + run, null).server())
                            .as("round %d, profile p%d", round, run).isEqualTo("http://server-" + run + ":8000");
                }
                try (var files = Files.list(configHome.resolve("rooms"))) {
                    assertThat(files.map(file -> file.getFileName().toString()))
                            .containsExactlyInAnyOrder("config", "config.lock");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void profileNamesCannotEscapeTheTokenDirectory() {
        assertThatThrownBy(() -> Configuration.resolve(environment(Map.of()), "../evil", null))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("invalid profile name");
    }

    @Test
    void malformedConfigLineIsReported() throws IOException {
        writeConfig("server = http://no-section\n");

        assertThatThrownBy(() -> Configuration.resolve(environment(Map.of()), null, null))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("cannot understand line 'server = http://no-section'");
    }

    private void writeConfig(String text) throws IOException {
        Files.createDirectories(home.resolve("rooms"));
        Files.writeString(home.resolve("rooms/config"), text);
    }

    private static Environment environmentIn(Path configHome) {
        return new Environment(Map.of("XDG_CONFIG_HOME", configHome.toString()),
                new ByteArrayInputStream(new byte[0]), null, false, () -> null);
    }

    private Environment environment(Map<String, String> extra) {
        Map<String, String> variables = new HashMap<>(extra);
        variables.put("XDG_CONFIG_HOME", home.toString());
        return new Environment(variables, new ByteArrayInputStream(new byte[0]), null, false, () -> null);
    }
}
