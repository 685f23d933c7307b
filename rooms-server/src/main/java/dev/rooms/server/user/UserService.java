package dev.rooms.server.user;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.rooms.server.system.JsonFields;
import dev.rooms.server.system.NotFoundException;
import dev.rooms.server.system.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Accounts: registration, credentials, profile and deletion. */
@Service
public class UserService {

    static final int MAX_NAME_LENGTH = 150;
    static final String EMAIL_TAKEN = "A user with this email already exists.";
    static final String INVALID_EMAIL = "Enter a valid email address.";

    private final UserRepository users;
    private final PasswordRules passwordRules;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /** Compared against when the email is unknown, so a login takes as long whether or not the account exists. */
    private final String unknownUserHash;

    UserService(UserRepository users, PasswordRules passwordRules, PasswordEncoder passwordEncoder,
                ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.passwordRules = passwordRules;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
        this.unknownUserHash = passwordEncoder.encode("no account has this password");
    }

    public boolean exists(long userId) {
        return users.existsById(userId);
    }

    /** The user as nested in rooms and messages, if the account exists. */
    public Optional<UserSummary> findSummary(long userId) {
        return users.findById(userId).map(user -> new UserSummary(user.id(), user.email(), user.name()));
    }

    /** Creates an account from a register request body, or throws every field problem at once. */
    @Transactional
    public ProfileResponse register(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String email = email(fields, true, -1);
        String name = fields.text("name", true, false, MAX_NAME_LENGTH);
        String password = fields.secret("password");
        if (password != null) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("email", email != null ? email : rawString(body, "email"));
            attributes.put("name", name != null ? name : rawString(body, "name"));
            passwordRules.check(password, attributes).forEach(problem -> fields.reject("password", problem));
        }
        fields.throwIfInvalid();
        try {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return users.insert(email, name, passwordEncoder.encode(password), now).toProfile();
        } catch (DuplicateKeyException raced) {
            throw ValidationException.of("email", EMAIL_TAKEN);
        }
    }

    /** The id of the account with these credentials, if there is one. */
    public OptionalLong authenticate(String email, String password) {
        User user = users.findByEmail(email.strip()).orElse(null);
        if (user == null) {
            passwordEncoder.matches(password, unknownUserHash);
            return OptionalLong.empty();
        }
        return passwordEncoder.matches(password, user.passwordHash()) ? OptionalLong.of(user.id()) : OptionalLong.empty();
    }

    ProfileResponse profile(long userId) {
        return users.findById(userId).map(User::toProfile).orElseThrow(() -> new NotFoundException("No user " + userId));
    }

    /**
     * Changes name and/or email. With {@code partial} (PATCH) absent fields stay as they are, otherwise (PUT)
     * both are required. Other fields ({@code id}, {@code date_joined}, {@code password}) are read-only.
     */
    @Transactional
    ProfileResponse updateProfile(long userId, JsonNode body, boolean partial) {
        JsonFields fields = JsonFields.of(body);
        User user = users.findById(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
        String email = email(fields, !partial, userId);
        String name = fields.text("name", !partial, false, MAX_NAME_LENGTH);
        fields.throwIfInvalid();
        try {
            users.update(userId, email != null ? email : user.email(), name != null ? name : user.name());
        } catch (DuplicateKeyException raced) {
            throw ValidationException.of("email", EMAIL_TAKEN);
        }
        return profile(userId);
    }

    /**
     * Deletes the account and, in the same transaction, everything it owns: its rooms (with every message in
     * them, through the {@link UserDeleted} listeners) and every message it wrote anywhere.
     */
    @Transactional
    void deleteAccount(long userId) {
        events.publishEvent(new UserDeleted(userId));
        users.delete(userId);
    }

    /** Reads and checks an email field; {@code userId} is the account that may already own it (-1: none). */
    private String email(JsonFields fields, boolean required, long userId) {
        String email = fields.text("email", required, false, EmailAddresses.MAX_LENGTH);
        if (email == null) {
            return null;
        }
        if (!EmailAddresses.isValid(email)) {
            fields.reject("email", INVALID_EMAIL);
            return null;
        }
        String normalized = EmailAddresses.normalize(email);
        if (users.emailTakenByOther(normalized, userId)) {
            fields.reject("email", EMAIL_TAKEN);
            return null;
        }
        return normalized;
    }

    private static String rawString(JsonNode body, String field) {
        JsonNode node = body == null ? null : body.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }
}
