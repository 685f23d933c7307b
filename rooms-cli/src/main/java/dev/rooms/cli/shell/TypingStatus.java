package dev.rooms.cli.shell;

import dev.rooms.sdk.model.UserSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is typing in the room now. Nobody says they stopped: someone counts as typing until {@link #SHOWN_FOR}
 * after their last typing event, or until their message arrives or they leave. Thread-safe.
 */
final class TypingStatus {

    /**
     * How long one typing event counts. The server relays at most one per user about every three seconds, and the
     * shell announces its own user's typing at most that often, so someone who keeps typing is heard again well
     * within it.
     */
    static final Duration SHOWN_FOR = Duration.ofSeconds(6);

    /** The name and the instant the typing counts until, per user id, oldest first. */
    private final Map<Long, Typing> typing = new LinkedHashMap<>();

    private record Typing(String name, Instant until) {
    }

    /** {@code user} typed at {@code now}: they count as typing until {@link #SHOWN_FOR} later. */
    synchronized void typed(UserSummary user, Instant now) {
        // Someone who goes on typing keeps their place (a LinkedHashMap keeps a replaced key's), so the status
        // line does not reorder itself.
        typing.put(user.id(), new Typing(user.name(), now.plus(SHOWN_FOR)));
    }

    /**
     * The user's message arrived, or they left: they no longer count as typing.
     *
     * @return whether they did until now
     */
    synchronized boolean stopped(long userId) {
        return typing.remove(userId) != null;
    }

    /** The names of those typing at {@code now}, oldest first; drops those whose time is over. */
    synchronized List<String> names(Instant now) {
        List<String> names = new ArrayList<>();
        for (Iterator<Typing> it = typing.values().iterator(); it.hasNext(); ) {
            Typing one = it.next();
            if (one.until().isAfter(now)) {
                names.add(one.name());
            } else {
                it.remove();
            }
        }
        return names;
    }
}
