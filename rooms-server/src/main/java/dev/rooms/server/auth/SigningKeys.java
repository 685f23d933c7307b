package dev.rooms.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret tokens are signed with and, during a rotation, the others they are verified with too.
 *
 * @param secret         signs and verifies
 * @param previousSecret only verifies (tokens issued before a rotation), or {@code null}
 * @param nextSecret     only verifies (tokens issued by the nodes already rotated to it, during a rolling
 *                       rotation), or {@code null}
 */
record SigningKeys(String secret, String previousSecret, String nextSecret) {

    /** What is fingerprinted: a fixed label, so the fingerprint reveals nothing usable about the secret. */
    private static final byte[] FINGERPRINT_LABEL = "rooms signing-key fingerprint v1".getBytes(StandardCharsets.UTF_8);

    SigningKeys {
        requireLongEnough(secret, "rooms.jwt-secret (ROOMS_JWT_SECRET)");
        previousSecret = optional(previousSecret, "rooms.jwt-previous-secret (ROOMS_JWT_PREVIOUS_SECRET)");
        nextSecret = optional(nextSecret, "rooms.jwt-next-secret (ROOMS_JWT_NEXT_SECRET)");
    }

    private static String optional(String secret, String setting) {
        if (secret == null || secret.isBlank()) {
            return null;
        }
        requireLongEnough(secret, setting);
        return secret;
    }

    /** The secrets that verify tokens but never sign them: the previous and the next one, those that are set. */
    List<String> verifyingOnly() {
        return Stream.of(previousSecret, nextSecret).filter(Objects::nonNull).toList();
    }

    private static void requireLongEnough(String secret, String setting) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < TokenService.MIN_SECRET_BYTES) {
            throw new IllegalStateException(setting + " must be at least " + TokenService.MIN_SECRET_BYTES
                    + " bytes for HMAC-SHA256; leave rooms.jwt-secret unset to have one generated");
        }
    }

    String fingerprint() {
        return fingerprint(secret);
    }

    /** The previous secret's fingerprint, or {@code null} when there is none. */
    String previousFingerprint() {
        return previousSecret == null ? null : fingerprint(previousSecret);
    }

    /** HMAC-SHA256 of a fixed label under the secret, in hex: equal for equal secrets, and one-way. */
    static String fingerprint(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(FINGERPRINT_LABEL));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKeys[fingerprint=" + fingerprint().substring(0, 12) + "…]";
    }
}
