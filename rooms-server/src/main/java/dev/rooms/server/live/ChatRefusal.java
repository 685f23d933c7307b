package dev.rooms.server.live;

import dev.rooms.server.ratelimit.ThrottledException;
import dev.rooms.server.system.JsonFields;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Why a chat message was refused, and the one writer of the error frame that tells its sender:
 * {@code {"type": "error", "nonce": ..., "code": ..., "detail": ...}}. Only a sender that gave a usable nonce is
 * answered; without one the refusal is silent, as the spec says. The codes are documented in README-live.md
 * ({@code throttled}, for rate limiting, also carries {@code retry_after}: whole seconds to wait).
 *
 * @param code       a stable snake_case code for programs
 * @param detail     a sentence for people, worded as the original's field validation (or DRF's throttling) words it
 * @param retryAfter seconds until a message would be accepted again, or null when waiting does not help
 */
record ChatRefusal(String code, String detail, Long retryAfter) {

    ChatRefusal(String code, String detail) {
        this(code, detail, null);
    }

    static ChatRefusal contentMissing() {
        return new ChatRefusal("content_missing", JsonFields.REQUIRED);
    }

    static ChatRefusal contentNull() {
        return new ChatRefusal("content_missing", JsonFields.NULL);
    }

    static ChatRefusal contentNotString() {
        return new ChatRefusal("content_not_string", JsonFields.NOT_A_STRING);
    }

    static ChatRefusal contentBlank() {
        return new ChatRefusal("content_blank", JsonFields.BLANK);
    }

    static ChatRefusal contentTooLong(int maxLength) {
        return new ChatRefusal("content_too_long", JsonFields.tooLong(maxLength));
    }

    static ChatRefusal throttled(long seconds) {
        return new ChatRefusal("throttled", ThrottledException.detail(seconds), seconds);
    }

    /** The error frame answering the message sent with {@code nonce}. */
    String errorFrame(JsonMapper json, String nonce) {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", "error");
        frame.put("nonce", nonce);
        frame.put("code", code);
        frame.put("detail", detail);
        if (retryAfter != null) {
            frame.put("retry_after", retryAfter);
        }
        return json.writeValueAsString(frame);
    }
}
