package dev.rooms.server.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rate limits ({@code rooms.rate-limit.*}, e.g. {@code ROOMS_RATE_LIMIT_LOGIN_ACCOUNT=10/10m}); each one is a
 * {@link Rate}. The defaults and why they were chosen are in README's configuration table.
 *
 * @param enabled             {@code false} switches every limit off (a load test, a trusted network)
 * @param loginAccount        failed logins for one account, from anywhere; bounds a distributed guesser and,
 *                            being short, how long others can make the owner wait
 * @param loginAccountAddress failed logins for one account from one client address (the guesser next door)
 * @param loginAddress        failed logins from one client address, whatever the account (credential stuffing)
 * @param register            registrations from one client address
 * @param refresh             token refreshes from one client address
 * @param restUser            authenticated REST calls per user (a burst and a sustained rate)
 * @param handshakeAddress    WebSocket handshakes from one client address
 * @param chatConnection      chat frames on one connection
 * @param chatUser            chat frames of one user over all their connections
 * @param chatFlood           throttled chat frames a connection may send before it is closed with 1008
 */
@ConfigurationProperties("rooms.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10/10m") Rate loginAccount,
        @DefaultValue("5/1m,20/1h") Rate loginAccountAddress,
        @DefaultValue("30/10m,200/1d") Rate loginAddress,
        @DefaultValue("300/10m,1000/1d") Rate register,
        @DefaultValue("60/1m") Rate refresh,
        @DefaultValue("200/10s,3000/10m") Rate restUser,
        @DefaultValue("600/1m") Rate handshakeAddress,
        @DefaultValue("100/5s") Rate chatConnection,
        @DefaultValue("300/10s") Rate chatUser,
        @DefaultValue("100/1m") Rate chatFlood) {
}
