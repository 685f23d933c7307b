package dev.rooms.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongPredicate;

import javax.sql.DataSource;

import dev.rooms.server.system.DeletionNotices;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class TokenServiceTest {

    private static final String SECRET = "unit-test-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    /** Other processes' deletions reach this one (a single process: there are none). */
    private static final DeletionNotices DELIVERED = () -> true;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final Set<Long> users = new HashSet<>(Set.of(7L));
    private TokenService tokens;

    @BeforeEach
    void setUp() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).load().migrate();
        tokens = new TokenService(new SigningKeys(SECRET, null, null), Duration.ofHours(24), Duration.ofDays(7), users::contains,
                new RevokedTokenRepository(JdbcClient.create(dataSource)), clock, DELIVERED);
    }

    @Test
    void issuedAccessTokenVerifiesUntilItExpires() {
        String access = tokens.issueTokens(7).access();

        AccessToken verified = tokens.verifyAccessToken(access);

        assertThat(verified).isEqualTo(new AccessToken(7, Instant.parse("2030-01-02T00:00:00Z")));
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertInvalid(() -> tokens.verifyAccessToken(access), "Given token not valid for any token type",
                "token_not_valid", "Token is invalid or expired");
    }

    @Test
    void refreshTokenIsNeverAnAccessToken() {
        String refresh = tokens.issueTokens(7).refresh();

        assertInvalid(() -> tokens.verifyAccessToken(refresh), "Given token not valid for any token type",
                "token_not_valid", "Token has wrong type");
    }

    @Test
    void accessTokenIsNeverARefreshToken() {
        String access = tokens.issueTokens(7).access();

        assertInvalid(() -> tokens.refreshAccessToken(access), "Token has wrong type", "token_not_valid", null);
    }

    @Test
    void refreshTokenGivesAccessTokensForSevenDays() {
        String refresh = tokens.issueTokens(7).refresh();

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        String access = tokens.refreshAccessToken(refresh);

        assertThat(tokens.verifyAccessToken(access).userId()).isEqualTo(7);
        clock.advance(Duration.ofSeconds(2));
        assertInvalid(() -> tokens.refreshAccessToken(refresh), "Token is invalid or expired", "token_not_valid", null);
    }

    @Test
    void tokenOfDeletedUserThenUserNotFound() {
        String access = tokens.issueTokens(7).access();
        String refresh = tokens.issueTokens(7).refresh();

        users.remove(7L);

        assertInvalid(() -> tokens.verifyAccessToken(access), "User not found", "user_not_found", null);
        assertInvalid(() -> tokens.refreshAccessToken(refresh), "No active account found for the given token.", null, null);
    }

    @Test
    void revokedRefreshTokenThenBlacklisted() {
        String refresh = tokens.issueTokens(7).refresh();
        String other = tokens.issueTokens(7).refresh();

        tokens.revokeRefreshToken(refresh, 7);
        tokens.revokeRefreshToken(refresh, 7);

        assertInvalid(() -> tokens.refreshAccessToken(refresh), "Token is blacklisted", "token_not_valid", null);
        assertThat(tokens.refreshAccessToken(other)).isNotBlank();
    }

    @Test
    void revokingSomeoneElsesRefreshTokenIsRefused() {
        users.add(8L);
        String refresh = tokens.issueTokens(8).refresh();

        assertInvalid(() -> tokens.revokeRefreshToken(refresh, 7), "Token is invalid or expired", "token_not_valid", null);
        assertThat(tokens.refreshAccessToken(refresh)).isNotBlank();
    }

    @Test
    void tamperedTokenThenInvalid() {
        String[] parts = tokens.issueTokens(7).access().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"user_id\":7", "\"user_id\":8");
        users.add(8L);

        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertInvalid(() -> tokens.verifyAccessToken(forged), "Given token not valid for any token type",
                "token_not_valid", "Token is invalid or expired");
    }

    @Test
    void unsignedTokenThenInvalid() {
        String payload = tokens.issueTokens(7).access().split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertInvalid(() -> tokens.verifyAccessToken(header + "." + payload + "."), "Given token not valid for any token type",
                "token_not_valid", "Token is invalid or expired");
    }

    @Test
    void garbageThenInvalid() {
        assertInvalid(() -> tokens.verifyAccessToken("not.a.jwt"), "Given token not valid for any token type",
                "token_not_valid", "Token is invalid or expired");
        assertInvalid(() -> tokens.verifyAccessToken(""), "Given token not valid for any token type",
                "token_not_valid", "Token is invalid or expired");
    }

    @Test
    void verifiedTokenIsCheckedOnceThenKeptUntilItExpires() {
        CountingUsers lookups = new CountingUsers();
        TokenService counted = new TokenService(new SigningKeys(SECRET, null, null), Duration.ofHours(24), Duration.ofDays(7), lookups,
                null, clock, DELIVERED);
        String access = counted.issueTokens(7).access();

        counted.verifyAccessToken(access);
        counted.verifyAccessToken(access);
        counted.verifyAccessToken(access);

        assertThat(lookups.count).isEqualTo(1);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertInvalid(() -> counted.verifyAccessToken(access), "Given token not valid for any token type",
                "token_not_valid", "Token is invalid or expired");
    }

    @Test
    void accountDeletedThenItsKeptTokenIsRefusedAtOnce() {
        String access = tokens.issueTokens(7).access();
        tokens.verifyAccessToken(access);

        users.remove(7L);
        tokens.accountDeleted(7);

        assertInvalid(() -> tokens.verifyAccessToken(access), "User not found", "user_not_found", null);
    }

    @Test
    void accountDeletedWhileItsTokenIsBeingCheckedThenTheTokenIsNotKept() {
        TokenService[] service = new TokenService[1];
        // The deletion commits (and is announced) after the check read the account, before the check ends.
        LongPredicate deletedDuringTheCheck = id -> {
            boolean existed = users.remove(id);
            service[0].accountDeleted(id);
            return existed;
        };
        service[0] = new TokenService(new SigningKeys(SECRET, null, null), Duration.ofHours(24), Duration.ofDays(7),
                deletedDuringTheCheck, null, clock, DELIVERED);
        String access = service[0].issueTokens(7).access();

        assertThat(service[0].verifyAccessToken(access).userId()).isEqualTo(7);

        assertInvalid(() -> service[0].verifyAccessToken(access), "User not found", "user_not_found", null);
    }

    @Test
    void deletionsOfOtherProcessesCannotArriveThenEveryRequestChecksTheAccount() {
        CountingUsers lookups = new CountingUsers();
        boolean[] arriving = {true};
        TokenService counted = new TokenService(new SigningKeys(SECRET, null, null), Duration.ofHours(24), Duration.ofDays(7),
                lookups, null, clock, () -> arriving[0]);
        String access = counted.issueTokens(7).access();
        counted.verifyAccessToken(access);

        arriving[0] = false;
        counted.verifyAccessToken(access);
        counted.verifyAccessToken(access);
        arriving[0] = true;
        counted.verifyAccessToken(access);
        counted.verifyAccessToken(access);

        assertThat(lookups.count).as("once before, twice during the outage, once after it").isEqualTo(4);
    }

    @Test
    void secretShorterThan32BytesIsRefusedAtStart() {
        assertThatThrownBy(() -> new TokenService(new SigningKeys("too-short", null, null), Duration.ofHours(1), Duration.ofHours(2), id -> true, null, clock, DELIVERED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    private static void assertInvalid(Runnable call, String detail, String code, String reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(detail);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.reason()).isEqualTo(reason);
                });
    }

    /** User 7 exists; counts the lookups. */
    private static final class CountingUsers implements LongPredicate {

        private int count;

        @Override
        public boolean test(long userId) {
            count++;
            return userId == 7;
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
