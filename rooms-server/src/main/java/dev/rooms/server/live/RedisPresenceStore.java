package dev.rooms.server.live;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence shared through Redis. Each process keeps, per room it has connections in, a hash
 * {@code <prefix>:presence:<room>:<process>} of user id to {@code connections|since}, expiring
 * {@code rooms.presence.ttl} after its last refresh, and its id in the room's set
 * {@code <prefix>:presence:<room>}. A heartbeat refreshes the hashes three times per period, so the entries of
 * a process that died (SIGKILL, lost machine) expire by themselves and readers drop it from the set.
 *
 * <p>Join and leave are decided in Lua scripts, which Redis runs atomically: writing this process's entry and
 * looking for the user in the other processes' hashes is one step, so two processes opening a user's first
 * connections at the same moment cannot both announce a join.
 */
final class RedisPresenceStore implements PresenceStore {

    private static final Logger log = LoggerFactory.getLogger(RedisPresenceStore.class);

    /** Whether another live process has the user (ARGV[2]); prunes processes whose hash expired. */
    private static final String OTHERS = """
            local others = 0
            for _, pid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if pid ~= ARGV[1] then
                local key = KEYS[1] .. ':' .. pid
                if redis.call('EXISTS', key) == 0 then
                  redis.call('SREM', KEYS[1], pid)
                elseif redis.call('HEXISTS', key, ARGV[2]) == 1 then
                  others = 1
                end
              end
            end
            return others
            """;
    private static final String JOIN = """
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            redis.call('SADD', KEYS[1], ARGV[1])
            """ + OTHERS;
    private static final String LEAVE = """
            redis.call('HDEL', KEYS[2], ARGV[2])
            if redis.call('HLEN', KEYS[2]) == 0 then
              redis.call('DEL', KEYS[2])
              redis.call('SREM', KEYS[1], ARGV[1])
            end
            """ + OTHERS;
    /** Every live process's entries of the room, as user, value, user, value, …; prunes expired processes. */
    private static final String LIST = """
            local out = {}
            for _, pid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local fields = redis.call('HGETALL', KEYS[1] .. ':' .. pid)
              if #fields == 0 then
                redis.call('SREM', KEYS[1], pid)
              else
                for i = 1, #fields do out[#out + 1] = fields[i] end
              end
            end
            return out
            """;

    private final String processId = UUID.randomUUID().toString();
    private final BrokerProperties properties;
    private final Duration ttl;
    private final RedisClient client;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rooms-presence-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private StatefulRedisConnection<String, String> connection;

    RedisPresenceStore(BrokerProperties properties, PresenceProperties presence) {
        this.properties = properties;
        this.ttl = presence.ttl();
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.timeout());
        this.client = RedisClient.create(uri);
        // As the broker's: while Redis is away a command fails at once instead of holding up a handshake or a close.
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(properties.timeout()).build())
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    @Override
    public void start(Runnable refresh) {
        long period = ttl.toMillis() / 3;
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                log.debug("Presence heartbeat failed: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean joined(long roomId, long userId, PresenceEntry local) {
        Long others = redis().eval(JOIN, ScriptOutputType.INTEGER, keys(roomId),
                processId, String.valueOf(userId), value(local), String.valueOf(ttl()));
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
        redis.pexpire(hash(roomId), ttl());
        redis.sadd(roomSet(roomId), processId);
    }

    @Override
    public boolean left(long roomId, long userId) {
        Long others = redis().eval(LEAVE, ScriptOutputType.INTEGER, keys(roomId), processId, String.valueOf(userId));
        return others == 0;
    }

    @Override
    public Map<Long, PresenceEntry> present(long roomId, Map<Long, PresenceEntry> local) {
        List<Object> flat = redis().eval(LIST, ScriptOutputType.MULTI, roomSet(roomId));
        Map<Long, PresenceEntry> everyone = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            everyone.merge(Long.parseLong(String.valueOf(flat.get(i))), parse(String.valueOf(flat.get(i + 1))),
                    PresenceEntry::plus);
        }
        return everyone;
    }

    @Override
    public void stop() {
        heartbeat.shutdownNow();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
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

    private String[] keys(long roomId) {
        return new String[] {roomSet(roomId), hash(roomId)};
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
