package dev.rooms.server.message;

import java.util.List;

/** A page of a room's history, oldest first, and whether matching messages exist before and after it. */
record HistoryPage(List<MessageResponse> messages, boolean older, boolean newer) {
}
