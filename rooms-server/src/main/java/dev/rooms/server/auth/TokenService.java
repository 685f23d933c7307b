package dev.rooms.server.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.LongPredicate;

import javax.crypto.SecretKey;

import dev.rooms.server.system.DeletionNotices;
import dev.rooms.server.user.UserDeleted;
import dev.rooms.server.user.UserService;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SignatureException;
import io.jsonwebtoken.security.Keys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Issues and checks the HS256 JWTs, with the original's claims: {@code token_type} ({@code access} or
 * {@code refresh}), {@code user_id}, {@code jti}, {@code iat}, {@code exp}. The only class that knows jjwt.
 */
@Service
public class TokenService {

    static final int MIN_SECRET_BYTES = 32;

    static final String ACCESS = "access";
    static final String REFRESH = "refresh";
    static final String TOKEN_NOT_VALID = "token_not_valid";
    static final String INVALID_OR_EXPIRED = "Token is invalid or expired";
    static final String WRONG_TYPE = "Token has wrong type";
    static final String NOT_VALID_FOR_ANY_TYPE = "Given token not valid for any token type";

    private final SecretKey key;
    private final JwtParser parser;
    /** Verify tokens signed with the previous or the next secret of a rotation, while those are set. */
    private final List<JwtParser> verifyingOnlyParsers;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final LongPredicate userExists;
    private final RevokedTokenRepository revoked;
    private final Clock clock;
    private final VerifiedTokens verified;

    @Autowired
    TokenService(TokenProperties properties, SigningKeys keys, UserService users, RevokedTokenRepository revoked,
                 Clock clock, ObjectProvider<DeletionNotices> notices) {
        this(keys, properties.accessTokenLifetime(), properties.refreshTokenLifetime(), users::exists, revoked, clock,
                notices.getIfAvailable(() -> () -> true));
    }

    TokenService(SigningKeys keys, Duration accessLifetime, Duration refreshLifetime, LongPredicate userExists,
                 RevokedTokenRepository revoked, Clock clock, DeletionNotices notices) {
        this.key = Keys.hmacShaKeyFor(keys.secret().getBytes(StandardCharsets.UTF_8));
        this.parser = parser(key, clock);
        this.verifyingOnlyParsers = keys.verifyingOnly().stream()
                .map(secret -> parser(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)), clock))
                .toList();
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
        this.userExists = userExists;
        this.revoked = revoked;
        this.clock = clock;
        this.verified = new VerifiedTokens(clock, notices::arriving);
    }

    private static JwtParser parser(SecretKey key, Clock clock) {
        return Jwts.parser()
                .verifyWith(key)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /**
     * Checks an access token: signature, expiry, type, and that its user still exists. A token checked once is
     * remembered until it expires or its account is deleted ({@link VerifiedTokens}), so the checks, the
     * database's among them, run once per token rather than once per request.
     *
     * @throws InvalidTokenException with the client-facing detail otherwise
     */
    public AccessToken verifyAccessToken(String token) {
        return verified.verify(token, () -> verifyAccessTokenNow(token));
    }

    /**
     * Refuses every access token of a deleted account from now on; called for a deletion in this process once it
     * is committed, and by the live layer for one another process announced.
     */
    public void accountDeleted(long userId) {
        verified.accountDeleted(userId);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void forgetTokensOfDeletedAccount(UserDeleted event) {
        accountDeleted(event.userId());
    }

    private AccessToken verifyAccessTokenNow(String token) {
        Claims claims;
        try {
            claims = parse(token, ACCESS);
        } catch (InvalidTokenException e) {
            throw new InvalidTokenException(NOT_VALID_FOR_ANY_TYPE, TOKEN_NOT_VALID, e.getMessage());
        }
        long userId = userId(claims);
        if (!userExists.test(userId)) {
            throw new InvalidTokenException("User not found", "user_not_found", null);
        }
        return new AccessToken(userId, claims.getExpiration().toInstant());
    }

    TokenPair issueTokens(long userId) {
        return new TokenPair(issue(userId, REFRESH, refreshLifetime), issue(userId, ACCESS, accessLifetime));
    }

    /** Exchanges a valid, unrevoked refresh token of an existing user for a new access token. */
    String refreshAccessToken(String refreshToken) {
        Claims claims = verifyRefreshToken(refreshToken);
        long userId = userId(claims);
        if (!userExists.test(userId)) {
            throw new InvalidTokenException("No active account found for the given token.", null, null);
        }
        return issue(userId, ACCESS, accessLifetime);
    }

    /**
     * Revokes a refresh token of the given user so it can never be exchanged again. An expired token needs no
     * revocation and is accepted as is.
     *
     * @throws InvalidTokenException when it is not a genuine refresh token of that user
     */
    void revokeRefreshToken(String refreshToken, long userId) {
        Claims claims;
        try {
            claims = parseSigned(refreshToken);
        } catch (ExpiredJwtException e) {
            if (REFRESH.equals(e.getClaims().get("token_type")) && userId(e.getClaims()) == userId) {
                return;
            }
            throw new InvalidTokenException(INVALID_OR_EXPIRED, TOKEN_NOT_VALID, null);
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException(INVALID_OR_EXPIRED, TOKEN_NOT_VALID, null);
        }
        if (!REFRESH.equals(claims.get("token_type"))) {
            throw new InvalidTokenException(WRONG_TYPE, TOKEN_NOT_VALID, null);
        }
        if (userId(claims) != userId || claims.getId() == null) {
            throw new InvalidTokenException(INVALID_OR_EXPIRED, TOKEN_NOT_VALID, null);
        }
        try {
            revoked.revoke(claims.getId(), claims.getExpiration().toInstant(), clock.instant());
        } catch (DuplicateKeyException revokedMeanwhile) {
            // Another logout with the same token got there first: it is revoked either way.
        }
    }

    private Claims verifyRefreshToken(String token) {
        Claims claims = parse(token, REFRESH);
        if (claims.getId() == null || revoked.isRevoked(claims.getId())) {
            throw new InvalidTokenException("Token is blacklisted", TOKEN_NOT_VALID, null);
        }
        return claims;
    }

    private Claims parse(String token, String expectedType) {
        Claims claims;
        try {
            claims = parseSigned(token);
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException(INVALID_OR_EXPIRED, TOKEN_NOT_VALID, null);
        }
        if (claims.getExpiration() == null || !(claims.get("user_id") instanceof Number)) {
            throw new InvalidTokenException(INVALID_OR_EXPIRED, TOKEN_NOT_VALID, null);
        }
        if (!expectedType.equals(claims.get("token_type"))) {
            throw new InvalidTokenException(WRONG_TYPE, TOKEN_NOT_VALID, null);
        }
        return claims;
    }

    /** Only the algorithm this server issues is accepted, never one a token's header chooses for itself. */
    private Claims parseSigned(String token) {
        Jws<Claims> jws = parseSignedWithAnyKey(token);
        if (!Jwts.SIG.HS256.getId().equals(jws.getHeader().getAlgorithm())) {
            throw new UnsupportedJwtException("Unexpected algorithm " + jws.getHeader().getAlgorithm());
        }
        return jws.getPayload();
    }

    private Jws<Claims> parseSignedWithAnyKey(String token) {
        try {
            return parser.parseSignedClaims(token);
        } catch (SignatureException signedOtherwise) {
            for (JwtParser verifyingOnly : verifyingOnlyParsers) {
                try {
                    return verifyingOnly.parseSignedClaims(token);
                } catch (SignatureException notThisOneEither) {
                    // try the next key; when none verifies, the first failure is the one reported
                }
            }
            throw signedOtherwise;
        }
    }

    private static long userId(Claims claims) {
        return claims.get("user_id") instanceof Number n ? n.longValue() : -1;
    }

    private String issue(long userId, String type, Duration lifetime) {
        Instant now = clock.instant();
        return Jwts.builder()
                .header().type("JWT").and()
                .claim("token_type", type)
                .expiration(Date.from(now.plus(lifetime)))
                .issuedAt(Date.from(now))
                .id(UUID.randomUUID().toString().replace("-", ""))
                .claim("user_id", userId)
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }
}
