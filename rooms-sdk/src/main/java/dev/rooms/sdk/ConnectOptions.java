package dev.rooms.sdk;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How {@link RoomsClient#connect(long, ConnectOptions, RoomListener)} connects: the extra {@link LiveEvent}s
 * wanted and where delivery starts. Immutable and thread-safe; {@code ConnectOptions.builder().build()} is a plain
 * connection like {@link RoomsClient#connect(long, RoomListener)}.
 *
 * <pre>{@code
 * ConnectOptions options = ConnectOptions.builder().events(LiveEvent.PRESENCE, LiveEvent.TYPING).build();
 * }</pre>
 */
public final class ConnectOptions {

    private final Set<LiveEvent> events;
    private final long after;

    private ConnectOptions(Builder builder) {
        this.events = Collections.unmodifiableSet(EnumSet.copyOf(builder.events));
        this.after = builder.after;
    }

    /**
     * Starts a builder with no extra events and live messages only.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the extra events asked for.
     *
     * @return an unmodifiable set, possibly empty
     */
    public Set<LiveEvent> events() {
        return events;
    }

    /**
     * Returns the message id after which stored messages are delivered first, if set.
     *
     * @return the id, or empty for live messages only
     */
    public OptionalLong after() {
        return after < 0 ? OptionalLong.empty() : OptionalLong.of(after);
    }

    /** Builds {@link ConnectOptions}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {

        private final Set<LiveEvent> events = EnumSet.noneOf(LiveEvent.class);
        private long after = -1;

        private Builder() {
        }

        /**
         * Asks for extra events (added to those asked for before).
         *
         * @param wanted the events
         * @return this builder
         * @throws NullPointerException if an event is {@code null}
         */
        public Builder events(LiveEvent... wanted) {
            for (LiveEvent event : wanted) {
                events.add(Objects.requireNonNull(event, "event == null"));
            }
            return this;
        }

        /**
         * Delivers the stored messages with an id greater than {@code messageId} first ({@code 0}: the whole
         * history), then live ones, each exactly once in id order.
         *
         * @param messageId the last id already seen; at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code messageId} is negative
         */
        public Builder after(long messageId) {
            if (messageId < 0) {
                throw new IllegalArgumentException("messageId < 0: " + messageId);
            }
            this.after = messageId;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public ConnectOptions build() {
            return new ConnectOptions(this);
        }
    }
}
