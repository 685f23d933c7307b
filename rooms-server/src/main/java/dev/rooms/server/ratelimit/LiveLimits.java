package dev.rooms.server.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The live limits: handshakes per client address, chat frames per connection and per user. A connection's own
 * buckets stay in this process (a connection lives on one); the per-user and per-address ones are shared when
 * Redis is configured. Throttled frames are counted per connection too: a connection that goes on sending past
 * {@code chat-flood} of them is flooding and is to be closed.
 */
public final class LiveLimits {

    static final String HANDSHAKE_ADDRESS = "handshake-address";
    static final String CHAT_CONNECTION = "chat-connection";
    static final String CHAT_USER = "chat-user";
    static final String CHAT_FLOOD = "chat-flood";

    private final RateLimiter limiter;
    private final RateLimitProperties limits;
    private final ClientAddresses addresses;

    LiveLimits(RateLimiter limiter, RateLimitProperties limits, ClientAddresses addresses) {
        this.limiter = limiter;
        this.limits = limits;
        this.addresses = addresses;
    }

    public Verdict admitHandshake(HttpServletRequest request) {
        return limiter.consume(HANDSHAKE_ADDRESS, limits.handshakeAddress(), addresses.of(request));
    }

    /** @param connectionId unique in this process, e.g. the live connection's id */
    public ChatAdmission admitChat(String connectionId, long userId) {
        Verdict verdict = limiter.consumeLocal(CHAT_CONNECTION, limits.chatConnection(), connectionId);
        if (verdict.allowed()) {
            verdict = limiter.consume(CHAT_USER, limits.chatUser(), Long.toString(userId));
        }
        if (verdict.allowed()) {
            return ChatAdmission.ADMITTED;
        }
        if (!limiter.consumeLocal(CHAT_FLOOD, limits.chatFlood(), connectionId).allowed()) {
            return new ChatAdmission(ChatAdmission.Outcome.FLOODING, verdict.retryAfterSeconds());
        }
        return new ChatAdmission(ChatAdmission.Outcome.THROTTLED, verdict.retryAfterSeconds());
    }
}
