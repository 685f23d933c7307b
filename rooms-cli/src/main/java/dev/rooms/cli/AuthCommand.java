package dev.rooms.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rooms.sdk.AuthenticationException;
import dev.rooms.sdk.FileTokenStore;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.model.Tokens;
import dev.rooms.sdk.model.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rooms auth status}: every profile of this machine, its server, who is logged in and until when. */
@Command(name = "auth", description = "Check the logins of every profile.", commandListHeading = "%nCommands:%n")
final class AuthCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    AuthCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** One profile's state, also the {@code --json} object. */
    record ProfileStatus(String profile, boolean active, String server, String status, User user,
                         Instant accessExpiresAt, Instant refreshExpiresAt, String problem) {
    }

    @Command(name = "status", description = {
            "Show every profile: its server, the user logged in there and until when the session lasts.",
            "Each logged-in profile asks its server who it is (refreshing the access token when needed).",
            "Exit code 3 when the current profile is not logged in."})
    int status(@Mixin GlobalOptions options) {
        Configuration config = invocation.configuration();
        Map<String, String> servers = config.profileServers();
        // The current profile as this run sees it: --server or ROOMS_SERVER win over its configured server.
        servers.put(config.profile(), config.server());
        List<ProfileStatus> statuses = new ArrayList<>();
        servers.forEach((profile, server) -> statuses.add(check(config, profile, server)));

        Output output = invocation.output();
        if (output.json()) {
            output.printJson(statuses);
        } else {
            Table table = new Table("", "PROFILE", "SERVER", "USER", "SESSION");
            for (ProfileStatus status : statuses) {
                table.row(status.active() ? "*" : "", status.profile(), status.server(),
                        status.user() == null ? "" : ProfileCommand.describe(status.user()), session(status));
            }
            output.print(table);
        }
        return statuses.stream().anyMatch(status -> status.active() && status.user() != null)
                ? ExitCodes.OK : ExitCodes.NOT_LOGGED_IN;
    }

    private ProfileStatus check(Configuration config, String profile, String server) {
        boolean active = profile.equals(config.profile());
        FileTokenStore store;
        Optional<Tokens> tokens;
        try {
            store = new FileTokenStore(config.tokenFile(profile)).withLegacyServer(server);
            tokens = store.forServer(server).load();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return new ProfileStatus(profile, active, server, "damaged", null, null, null, e.getMessage());
        }
        if (tokens.isEmpty()) {
            return new ProfileStatus(profile, active, server, "not_logged_in", null, null, null, null);
        }
        Instant refreshExpiry = expiry(tokens.get().refresh());
        try (RoomsClient client = RoomsClient.builder().baseUrl(server).tokenStore(store)
                .userAgent("rooms-cli/" + VersionProvider.version()).connectTimeout(Duration.ofSeconds(5)).build()) {
            User user = client.self();
            Tokens now = client.tokenStore().load().orElse(tokens.get());
            return new ProfileStatus(profile, active, server, "logged_in", user, expiry(now.access()),
                    expiry(now.refresh()), null);
        } catch (AuthenticationException rejected) {
            return new ProfileStatus(profile, active, server, "rejected", null, null, refreshExpiry,
                    rejected.getMessage());
        } catch (TransportException unreachable) {
            return new ProfileStatus(profile, active, server, "unreachable", null, expiry(tokens.get().access()),
                    refreshExpiry, unreachable.getMessage());
        }
    }

    private static String session(ProfileStatus status) {
        switch (status.status()) {
            case "logged_in":
                return "until " + Output.localTime(status.refreshExpiresAt())
                        + " (access token until " + Output.localTime(status.accessExpiresAt()) + ")";
            case "not_logged_in":
                return "not logged in";
            case "rejected":
                return "rejected by the server; log in again";
            case "unreachable":
                return "server unreachable; session until " + Output.localTime(status.refreshExpiresAt());
            default:
                return "damaged token file: " + status.problem();
        }
    }

    /** A JWT's {@code exp}, read without checking the signature (the server does that); null when it has none. */
    private static Instant expiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode exp = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                    .get("exp");
            return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
