package dev.rooms.server.message;

import java.util.List;

import dev.rooms.server.system.ValidationException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MessageController {

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    /** A room's history, oldest first; {@code after} (a message id) lets a reconnecting client catch up. */
    @GetMapping("/api/rooms/{roomId}/messages/")
    List<MessageResponse> listMessages(@PathVariable long roomId, @RequestParam(required = false) String after) {
        return messages.listMessages(roomId, after == null ? 0 : parseAfter(after));
    }

    private static long parseAfter(String after) {
        try {
            return Long.parseLong(after.strip());
        } catch (NumberFormatException e) {
            throw ValidationException.of("after", "A valid integer is required.");
        }
    }
}
