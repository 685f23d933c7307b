package dev.rooms.server.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The original's four password validators (Django's defaults, in Django's order): similarity to the user's
 * attributes, minimum length, common password, entirely numeric. Every rule that applies is reported.
 */
@Component
class PasswordRules {

    static final int MIN_LENGTH = 8;
    static final double MAX_SIMILARITY = 0.7;

    private final CommonPasswords common;

    PasswordRules() {
        this(CommonPasswords.load());
    }

    PasswordRules(CommonPasswords common) {
        this.common = common;
    }

    /**
     * @param attributes the user's attributes by the name the message uses ({@code email}, {@code name}); null
     *                   values are skipped
     * @return the messages of every rule the password breaks, empty when it is acceptable
     */
    List<String> check(String password, Map<String, String> attributes) {
        List<String> problems = new ArrayList<>();
        String similarTo = similarAttribute(password, attributes);
        if (similarTo != null) {
            problems.add("The password is too similar to the " + similarTo + ".");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add("This password is too short. It must contain at least " + MIN_LENGTH + " characters.");
        }
        if (common.contains(password)) {
            problems.add("This password is too common.");
        }
        if (!password.isEmpty() && password.codePoints().allMatch(Character::isDigit)) {
            problems.add("This password is entirely numeric.");
        }
        return problems;
    }

    /** Django's {@code UserAttributeSimilarityValidator}: the first attribute the password is too close to. */
    private static String similarAttribute(String password, Map<String, String> attributes) {
        String lowered = password.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> attribute : new LinkedHashMap<>(attributes).entrySet()) {
            String value = attribute.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            String valueLower = value.toLowerCase(Locale.ROOT);
            List<String> parts = new ArrayList<>(List.of(valueLower.split("[^\\p{L}\\p{N}_]+", -1)));
            parts.add(valueLower);
            for (String part : parts) {
                if (exceedsMaximumLengthRatio(lowered, part)) {
                    continue;
                }
                if (quickRatio(lowered, part) >= MAX_SIMILARITY) {
                    return attribute.getKey();
                }
            }
        }
        return null;
    }

    /** A much longer password cannot be "too similar" to a short attribute (Django skips those pairs). */
    private static boolean exceedsMaximumLengthRatio(String password, String value) {
        int passwordLength = password.length();
        double lengthBoundSimilarity = MAX_SIMILARITY / 2 * passwordLength;
        int valueLength = value.length();
        return passwordLength >= 10 * valueLength && valueLength < lengthBoundSimilarity;
    }

    /** Python's {@code SequenceMatcher.quick_ratio()}: 2 * (characters in common) / (total length). */
    static double quickRatio(String a, String b) {
        int total = a.length() + b.length();
        if (total == 0) {
            return 1.0;
        }
        Map<Character, Integer> available = new HashMap<>();
        for (char c : b.toCharArray()) {
            available.merge(c, 1, Integer::sum);
        }
        int matches = 0;
        for (char c : a.toCharArray()) {
            Integer left = available.get(c);
            if (left != null && left > 0) {
                available.put(c, left - 1);
                matches++;
            }
        }
        return 2.0 * matches / total;
    }
}
