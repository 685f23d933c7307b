package dev.rooms.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where this run talks to and keeps its state: the profile, the server URL and the files under the config
 * directory ({@code $XDG_CONFIG_HOME/rooms}, default {@code ~/.config/rooms}).
 *
 * <p>The config file {@code config} holds one section per profile:
 * <pre>
 * [default]
 * server = http://localhost:8000
 *
 * [work]
 * server = https://rooms.example.com
 * </pre>
 * Precedence for the server: {@code --server} &gt; {@code ROOMS_SERVER} &gt; the profile's {@code server} &gt;
 * {@value #DEFAULT_SERVER}. The profile: {@code --profile} &gt; {@code ROOMS_PROFILE} &gt; {@code default}.
 * Tokens live in {@code tokens/<profile>.json}, readable by the owner only, with the server they came from (they
 * are sent nowhere else); directories are created {@code rwx------}.
 */
final class Configuration {

    static final String DEFAULT_SERVER = "http://localhost:8000";
    static final String DEFAULT_PROFILE = "default";

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Path directory;
    private final String profile;
    private final String server;
    private final String serverSource;
    private final String profileServer;

    private Configuration(Path directory, String profile, String server, String serverSource,
                          String profileServer) {
        this.directory = directory;
        this.profile = profile;
        this.server = server;
        this.serverSource = serverSource;
        this.profileServer = profileServer;
    }

    static Configuration resolve(Environment environment, String profileOption, String serverOption) {
        Path directory = directory(environment);
        String profile = first(profileOption, environment.variable("ROOMS_PROFILE"), DEFAULT_PROFILE);
        if (!PROFILE_NAME.matcher(profile).matches()) {
            throw new CliException(ExitCodes.USAGE, "invalid profile name '" + profile
                    + "' (letters, digits, '.', '_' and '-')");
        }
        String configured = readSections(directory.resolve("config")).getOrDefault(profile, Map.of()).get("server");
        String profileServer = configured != null ? configured : DEFAULT_SERVER;
        if (serverOption != null) {
            return new Configuration(directory, profile, serverOption, "--server", profileServer);
        }
        if (environment.variable("ROOMS_SERVER") != null) {
            return new Configuration(directory, profile, environment.variable("ROOMS_SERVER"), "ROOMS_SERVER",
                    profileServer);
        }
        return new Configuration(directory, profile, profileServer,
                configured != null ? "profile " + profile : "default", profileServer);
    }

    private static Path directory(Environment environment) {
        String xdg = environment.variable("XDG_CONFIG_HOME");
        if (xdg != null) {
            return Path.of(xdg, "rooms");
        }
        String home = environment.variable("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"), ".config", "rooms");
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no candidate");
    }

    String profile() {
        return profile;
    }

    String server() {
        return server;
    }

    /** Where the server URL came from, for {@code whoami}: {@code --server}, {@code ROOMS_SERVER}, ... */
    String serverSource() {
        return serverSource;
    }

    /**
     * The profile's own server: its {@code server} in the config file, else the default, whatever
     * {@code --server} or {@code ROOMS_SERVER} say. Tokens saved before token files recorded their server are
     * this server's.
     */
    String profileServer() {
        return profileServer;
    }

    Path directory() {
        return directory;
    }

    /**
     * Every profile this machine knows, sorted: those with a section in {@code config} and those with a token file,
     * each with its own server ({@value #DEFAULT_SERVER} when the config names none).
     */
    Map<String, String> profileServers() {
        Map<String, String> servers = new TreeMap<>();
        readSections(directory.resolve("config"))
                .forEach((name, section) -> servers.put(name, section.getOrDefault("server", DEFAULT_SERVER)));
        try (Stream<Path> files = Files.list(directory.resolve("tokens"))) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .filter(name -> PROFILE_NAME.matcher(name).matches())
                    .forEach(name -> servers.putIfAbsent(name, DEFAULT_SERVER));
        } catch (NoSuchFileException noTokensYet) {
            // nobody logged in on this machine yet
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory.resolve("tokens"), e);
        }
        return servers;
    }

    /** The token file of a profile. */
    Path tokenFile(String profileName) {
        return directory.resolve("tokens").resolve(profileName + ".json");
    }

    Path tokenFile() {
        return tokenFile(profile);
    }

    Path historyFile() {
        return directory.resolve("history");
    }

    /**
     * Creates the config directory owner-only if it is missing and returns it. {@link Files#createDirectories}
     * tolerates a directory that another process creates at the same moment; the check before it lets a symbolic
     * link to a directory (dotfiles) stand, which {@code createDirectories} would refuse.
     */
    Path createDirectory() {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    /**
     * Remembers {@code server} as this profile's server in the config file, keeping everything else in it. Read,
     * change and replace run under a lock on {@code config.lock}, so two runs saving at once (another profile's
     * login, or the first login creating the file) both keep their change; the new file is renamed into place, so
     * a reader sees the old file or the new one.
     */
    void saveServer(String url) {
        Path file = createDirectory().resolve("config");
        synchronized (Configuration.class) {
            try (FileChannel lock = FileChannel.open(directory.resolve("config.lock"),
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), OWNER_ONLY_FILE);
                 FileLock held = lock.lock()) {
                replaceServer(file, url);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + directory.resolve("config.lock"), e);
            }
        }
    }

    private void replaceServer(Path file, String url) {
        Map<String, Map<String, String>> sections = readSections(file);
        sections.computeIfAbsent(profile, p -> new LinkedHashMap<>()).put("server", url);
        List<String> lines = new ArrayList<>();
        lines.add("# rooms configuration: one [section] per profile (rooms --profile NAME)");
        sections.forEach((name, values) -> {
            lines.add("");
            lines.add("[" + name + "]");
            values.forEach((key, value) -> lines.add(key + " = " + value));
        });
        try {
            Path temporary = Files.createTempFile(directory, "config", ".tmp", OWNER_ONLY_FILE);
            try {
                Files.write(temporary, lines, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Map<String, Map<String, String>> readSections(Path file) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return sections;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        name -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (current == null || equals < 0) {
                throw new CliException(ExitCodes.ERROR, "the config file " + file + " is damaged: cannot understand "
                        + "line '" + raw + "' (expected [profile] or key = value); correct or delete that line");
            }
            current.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return sections;
    }
}
