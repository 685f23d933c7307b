package dev.rooms.bench.reference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.EventLoopGroup;

/** Accounts, access tokens and rooms, in memory: all the state the reference has, and none of it kept. */
final class Directory {

    private record Account(Wire.User user, byte[] passwordHash) {
    }

    private final EventLoopGroup loops;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong userIds = new AtomicLong();
    private final AtomicLong roomIds = new AtomicLong();
    private final AtomicLong messageIds = new AtomicLong();
    private final Map<String, Account> accountsByEmail = new ConcurrentHashMap<>();
    private final Map<String, Wire.User> usersByToken = new ConcurrentHashMap<>();
    private final Map<Long, ChatRoom> rooms = new ConcurrentSkipListMap<>();

    /** @param loops the event loops that own the rooms, one per room, taken in turn */
    Directory(EventLoopGroup loops) {
        this.loops = loops;
    }

    /** The new account, or null when the email is taken. */
    Wire.Registered register(String email, String name, String password) {
        Wire.User user = new Wire.User(userIds.incrementAndGet(), email, name);
        Account account = new Account(user, hash(password));
        if (accountsByEmail.putIfAbsent(email.toLowerCase(Locale.ROOT), account) != null) {
            return null;
        }
        return new Wire.Registered(user.id(), email, name, Wire.now());
    }

    /** A new access token, or null when the email and password do not match an account. */
    String login(String email, String password) {
        Account account = accountsByEmail.get(email.toLowerCase(Locale.ROOT));
        if (account == null || !MessageDigest.isEqual(account.passwordHash(), hash(password))) {
            return null;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        usersByToken.put(token, account.user());
        return token;
    }

    /** The token's user, or null. */
    Wire.User user(String token) {
        return token == null ? null : usersByToken.get(token);
    }

    ChatRoom createRoom(Wire.User creator, String name, String description, String roomType) {
        long id = roomIds.incrementAndGet();
        ChatRoom room = new ChatRoom(new Wire.Room(id, name, description, creator, roomType, Wire.now(), true),
                loops.next(), messageIds);
        rooms.put(id, room);
        return room;
    }

    /** The room, or null. */
    ChatRoom room(long id) {
        return rooms.get(id);
    }

    /** Oldest first. */
    Collection<ChatRoom> rooms() {
        return rooms.values();
    }

    private static byte[] hash(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
