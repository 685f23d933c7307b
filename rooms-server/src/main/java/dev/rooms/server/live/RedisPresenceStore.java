package dev.rooms.server.live;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import dev.rooms.server.system.BrokerProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * Presence shared through Redis. Each process keeps, per room it has connections in, a hash
 * {@code <prefix>:presence:<room>:<process>} of user id to {@code connections|since}, and its id in the room's
 * set {@code <prefix>:presence:<room>}; a key {@code <prefix>:presence-alive:<process>} says it is alive. The
 * liveness key expires {@code rooms.presence.ttl} after its last refresh, and a heartbeat refreshes it (and
 * re-writes the hashes) three times per period, so a process that died (SIGKILL, lost machine) counts as gone
 * within that time: readers ignore its entries, and the next heartbeat of a process with connections in the
 * same room reaps them and announces the leaves of users who are on no live process. Its hashes also expire
 * (after ten periods) in case no process is left in the room to reap them.
 *
 * <p>Join, leave and reaping are decided in Lua scripts, which Redis runs atomically: writing this process's
 * entry and looking for the user in the other live processes' hashes is one step, so two processes opening a
 * user's first connections at the same moment cannot both announce a join, and a dead process's users are
 * reaped, and their leaves announced, by exactly one process.
 */
final class RedisPresenceStore implements PresenceStore {

    private static final Logger log = LoggerFactory.getLogger(RedisPresenceStore.class);
    /** How many liveness periods a room hash outlives its last refresh, when nobody is left to reap it. */
    private static final int HASH_TTL_PERIODS = 10;

    /*
     * KEYS[1] the room's set of processes (their hashes are KEYS[1] .. ':' .. process);
     * KEYS[2] this process's hash of the room; KEYS[3] the liveness key prefix (alive: KEYS[3] .. process);
     * ARGV[1] this process; ARGV[2] the user.
     */

    /** Whether another live process has the user. */
    private static final String OTHERS = """
            local others = 0
            for _, pid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if pid ~= ARGV[1] and redis.call('EXISTS', KEYS[3] .. pid) == 1
                  and redis.call('HEXISTS', KEYS[1] .. ':' .. pid, ARGV[2]) == 1 then
                others = 1
              end
            end
            return others
            """;
    /** ARGV[3] the entry, ARGV[4] the liveness period, ARGV[5] the hash's expiry (milliseconds). */
    private static final String JOIN = """
            redis.call('SET', KEYS[3] .. ARGV[1], '1', 'PX', ARGV[4])
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            redis.call('SADD', KEYS[1], ARGV[1])
            """ + OTHERS;
    private static final String LEAVE = """
            redis.call('HDEL', KEYS[2], ARGV[2])
            if redis.call('HLEN', KEYS[2]) == 0 then
              redis.call('DEL', KEYS[2])
              redis.call('SREM', KEYS[1], ARGV[1])
            end
            """ + OTHERS;
    /** Every live process's entries of the room, as user, value, user, value, …. */
    private static final String LIST = """
            local out = {}
            for _, pid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if redis.call('EXISTS', KEYS[3] .. pid) == 1 then
                local fields = redis.call('HGETALL', KEYS[1] .. ':' .. pid)
                for i = 1, #fields do out[#out + 1] = fields[i] end
              end
            end
            return out
            """;
    /** Removes the entries of dead processes; returns their users who are on no live process (possibly repeated). */
    private static final String REAP = """
            local gone = {}
            for _, pid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if redis.call('EXISTS', KEYS[3] .. pid) == 0 then
                local key = KEYS[1] .. ':' .. pid
                for _, user in ipairs(redis.call('HKEYS', key)) do gone[#gone + 1] = user end
                redis.call('DEL', key)
                redis.call('SREM', KEYS[1], pid)
              end
            end
            local left = {}
            for _, user in ipairs(gone) do
              local still = 0
              for _, pid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
                if redis.call('HEXISTS', KEYS[1] .. ':' .. pid, user) == 1 then
                  still = 1
                end
              end
              if still == 0 then
                left[#left + 1] = user
              end
            end
            return left
            """;

    private final String processId = UUID.randomUUID().toString();
    private final BrokerProperties properties;
    private final Duration ttl;
    private final RedisClient client;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> heartbeat;
    private StatefulRedisConnection<String, String> connection;

    /** {@code client} and {@code scheduler} are shared ({@code RedisConfiguration}); {@link #stop()} closes only this store's connection. */
    RedisPresenceStore(RedisClient client, TaskScheduler scheduler, BrokerProperties properties,
                       PresenceProperties presence) {
        this.client = client;
        this.scheduler = scheduler;
        this.properties = properties;
        this.ttl = presence.ttl();
    }

    @Override
    public void start(Runnable refresh) {
        Duration period = ttl.dividedBy(3);
        heartbeat = scheduler.scheduleWithFixedDelay(() -> {
            try {
                redis().set(aliveKey(), "1", SetArgs.Builder.px(ttl()));
                refresh.run();
            } catch (RuntimeException e) {
                log.debug("Presence heartbeat failed: {}", e.toString());
            }
        }, Instant.now().plus(period), period);
    }

    @Override
    public boolean joined(long roomId, long userId, PresenceEntry local) {
        Long others = redis().eval(JOIN, ScriptOutputType.INTEGER, keys(roomId),
                processId, String.valueOf(userId), value(local), String.valueOf(ttl()), String.valueOf(hashTtl()));
        return others == 0;
    }

    @Override
    public void changed(long roomId, long userId, PresenceEntry local) {
        refresh(roomId, Map.of(userId, local));
    }

    @Override
    public void refresh(long roomId, Map<Long, PresenceEntry> local) {
        if (local.isEmpty()) {
            return;
        }
        Map<String, String> fields = new HashMap<>();
        local.forEach((userId, entry) -> fields.put(String.valueOf(userId), value(entry)));
        RedisCommands<String, String> redis = redis();
        redis.hset(hash(roomId), fields);
        redis.pexpire(hash(roomId), hashTtl());
        redis.sadd(roomSet(roomId), processId);
    }

    @Override
    public Set<Long> reap(long roomId) {
        List<Object> left = redis().eval(REAP, ScriptOutputType.MULTI, keys(roomId), processId);
        Set<Long> users = new HashSet<>();
        left.forEach(user -> users.add(Long.parseLong(String.valueOf(user))));
        return users;
    }

    @Override
    public boolean left(long roomId, long userId) {
        Long others = redis().eval(LEAVE, ScriptOutputType.INTEGER, keys(roomId), processId, String.valueOf(userId));
        return others == 0;
    }

    @Override
    public Map<Long, PresenceEntry> present(long roomId, Map<Long, PresenceEntry> local) {
        List<Object> flat = redis().eval(LIST, ScriptOutputType.MULTI, keys(roomId), processId);
        Map<Long, PresenceEntry> everyone = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            everyone.merge(Long.parseLong(String.valueOf(flat.get(i))), parse(String.valueOf(flat.get(i + 1))),
                    PresenceEntry::plus);
        }
        return everyone;
    }

    @Override
    public void stop() {
        ScheduledFuture<?> beating = heartbeat;
        if (beating != null) {
            beating.cancel(true);
        }
        try {
            // Gone at once rather than after the period; the sockets were closed (and their leaves sent) before.
            redis().del(aliveKey());
        } catch (RuntimeException e) {
            log.debug("Could not withdraw the presence liveness key: {}", e.toString());
        }
        synchronized (this) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private synchronized RedisCommands<String, String> redis() {
        // Connected on first use, so a Redis that is down at start-up does not stop the server; Lettuce
        // reconnects an established connection by itself.
        if (connection == null) {
            connection = client.connect();
        }
        return connection.sync();
    }

    private long ttl() {
        return ttl.toMillis();
    }

    private long hashTtl() {
        return HASH_TTL_PERIODS * ttl();
    }

    private String[] keys(long roomId) {
        return new String[] {roomSet(roomId), hash(roomId), alivePrefix()};
    }

    private String alivePrefix() {
        return properties.channelPrefix() + ":presence-alive:";
    }

    private String aliveKey() {
        return alivePrefix() + processId;
    }

    private String roomSet(long roomId) {
        return properties.channelPrefix() + ":presence:" + roomId;
    }

    private String hash(long roomId) {
        return roomSet(roomId) + ":" + processId;
    }

    private static String value(PresenceEntry entry) {
        return entry.connections() + "|" + entry.since();
    }

    private static PresenceEntry parse(String value) {
        int bar = value.indexOf('|');
        return new PresenceEntry(Integer.parseInt(value.substring(0, bar)), Instant.parse(value.substring(bar + 1)));
    }
}
