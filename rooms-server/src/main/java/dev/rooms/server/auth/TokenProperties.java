package dev.rooms.server.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings under {@code rooms.*} ({@code ROOMS_JWT_SECRET}, {@code ROOMS_JWT_PREVIOUS_SECRET}, {@code ROOMS_JWT_NEXT_SECRET},
 * {@code ROOMS_ACCESS_TOKEN_LIFETIME},
 * {@code ROOMS_REFRESH_TOKEN_LIFETIME}).
 *
 * @param jwtSecret            HMAC-SHA256 signing secret, at least 32 bytes; when absent one is generated and
 *                             kept in the data directory
 * @param jwtPreviousSecret    the secret used before a rotation: tokens it signed are still accepted (never
 *                             used to sign) while it is set
 * @param jwtNextSecret        the secret a rolling rotation moves to: tokens the nodes already rotated sign with
 *                             it are accepted (never used to sign) while it is set
 * @param accessTokenLifetime  how long an access token is valid
 * @param refreshTokenLifetime how long a refresh token is valid
 */
@ConfigurationProperties("rooms")
record TokenProperties(
        String jwtSecret,
        String jwtPreviousSecret,
        String jwtNextSecret,
        @DefaultValue("24h") Duration accessTokenLifetime,
        @DefaultValue("7d") Duration refreshTokenLifetime) {
}
