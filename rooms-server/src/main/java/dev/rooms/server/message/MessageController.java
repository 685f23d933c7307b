package dev.rooms.server.message;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rooms.server.system.ValidationException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MessageController {

    static final int MAX_LIMIT = 1000;
    private static final String NOT_AN_INTEGER = "A valid integer is required.";

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    /**
     * A room's history, oldest first. {@code after} (a message id) lets a reconnecting client catch up;
     * {@code limit} returns only the newest N, or with {@code after} the first N after it (paging forward).
     */
    @GetMapping("/api/rooms/{roomId}/messages/")
    List<MessageResponse> listMessages(@PathVariable long roomId,
                                       @RequestParam(required = false) String after,
                                       @RequestParam(required = false) String limit) {
        // Both parameters are checked before answering, so one 400 names every bad one, as DRF's serializers do.
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Long afterId = after == null ? null : parseAfter(after, errors);
        Integer max = limit == null ? null : parseLimit(limit, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return messages.listMessages(roomId, afterId, max);
    }

    private static Long parseAfter(String after, Map<String, List<String>> errors) {
        try {
            return Long.parseLong(after.strip());
        } catch (NumberFormatException e) {
            errors.put("after", List.of(NOT_AN_INTEGER));
            return null;
        }
    }

    private static Integer parseLimit(String limit, Map<String, List<String>> errors) {
        BigInteger value;
        try {
            // BigInteger, so a huge number is "too large" rather than "not an integer".
            value = new BigInteger(limit.strip());
        } catch (NumberFormatException e) {
            errors.put("limit", List.of(NOT_AN_INTEGER));
            return null;
        }
        if (value.signum() < 1) {
            errors.put("limit", List.of("Ensure this value is greater than or equal to 1."));
            return null;
        }
        if (value.compareTo(BigInteger.valueOf(MAX_LIMIT)) > 0) {
            errors.put("limit", List.of("Ensure this value is less than or equal to " + MAX_LIMIT + "."));
            return null;
        }
        return value.intValue();
    }
}
