package dev.rooms.server.message;

import java.time.Instant;

/**
 * What a history or a search keeps; {@code null} leaves a filter out.
 *
 * @param since  created at or after
 * @param until  created before
 * @param search case-insensitive, anywhere in the content
 */
record MessageFilter(Long roomId, Long userId, Instant since, Instant until, String search) {
}
