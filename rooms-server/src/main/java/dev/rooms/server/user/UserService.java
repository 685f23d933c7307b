package dev.rooms.server.user;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.rooms.server.system.FieldErrors;
import dev.rooms.server.system.NotFoundException;
import dev.rooms.server.system.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

    /** Whether the account exists: a token of a deleted account is refused on every request (TokenService). */
    public boolean exists(long userId) {
        return users.existsById(userId);
    }

    /** The user as nested in rooms and messages, if the account exists. */
    public Optional<UserSummary> findSummary(long userId) {
        return users.findById(userId).map(user -> new UserSummary(user.id(), user.email(), user.name()));
    }

    /**
     * Creates an account, or throws every problem at once: those the binding found ({@code errors}) and the
     * rules' (email address, password strength).
     */
    @Transactional
    public ProfileResponse register(Registration registration, FieldErrors errors) {
        String email = email(registration.email(), -1, errors);
        String name = registration.name();
        String password = registration.password();
        if (password != null) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("email", email != null ? email : registration.email());
            attributes.put("name", name);
            passwordRules.check(password, attributes).forEach(problem -> errors.reject("password", problem));
        }
        errors.throwIfInvalid();
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

    /** Changes name and/or email, or throws every problem at once: the binding's ({@code errors}) and the email rules'. */
    @Transactional
    ProfileResponse updateProfile(long userId, ProfileChange change, FieldErrors errors) {
        User user = users.findById(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
        String email = email(change.email(), userId, errors);
        errors.throwIfInvalid();
        try {
            users.update(userId, email != null ? email : user.email(), change.name() != null ? change.name() : user.name());
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

    /**
     * The email normalized, or null when there is none or it breaks a rule (recorded in {@code errors});
     * {@code userId} is the account that may already own it (-1: none).
     */
    private String email(String email, long userId, FieldErrors errors) {
        if (email == null) {
            return null;
        }
        if (!EmailAddresses.isValid(email)) {
            errors.reject("email", INVALID_EMAIL);
            return null;
        }
        String normalized = EmailAddresses.normalize(email);
        if (users.emailTakenByOther(normalized, userId)) {
            errors.reject("email", EMAIL_TAKEN);
            return null;
        }
        return normalized;
    }
}
