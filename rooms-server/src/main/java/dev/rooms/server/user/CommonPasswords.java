package dev.rooms.server.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The 30,000 most common passwords, as shipped inside zxcvbn (the list Dropbox's strength estimator is built
 * on): a maintained list, not one typed by hand.
 */
final class CommonPasswords {

    static final String RESOURCE = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = Set.copyOf(passwords);
    }

    static CommonPasswords load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("zxcvbn's password list " + RESOURCE + " is not on the classpath");
            }
            Set<String> passwords = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String password = line.strip().toLowerCase(Locale.ROOT);
                if (!password.isEmpty()) {
                    passwords.add(password);
                }
            }
            return new CommonPasswords(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /** Whether the password, lower-cased and trimmed as Django's validator does, is on the list. */
    boolean contains(String password) {
        return passwords.contains(password.strip().toLowerCase(Locale.ROOT));
    }

    int size() {
        return passwords.size();
    }
}
