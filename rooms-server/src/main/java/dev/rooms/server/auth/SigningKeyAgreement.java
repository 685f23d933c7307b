package dev.rooms.server.auth;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

/**
 * Makes sure every node of a database signs with the same secret, checked once at start-up against the
 * fingerprint the first node recorded. A node whose secret differs would otherwise answer 401 to every
 * token its peers issued, which behind a round-robin balancer means every other request, with nothing in
 * any log. A rotation (this node's {@code previousSecret} is the recorded one) records the new fingerprint; a
 * node's {@code nextSecret} changes nothing here, it only lets the node accept tokens of nodes already rotated.
 */
final class SigningKeyAgreement {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyAgreement.class);

    private SigningKeyAgreement() {
    }

    /** @throws SigningKeyMismatchException when the secret is not the one this database's nodes use */
    static void agree(SigningKeys keys, SigningKeyRepository repository, Clock clock) {
        // Nodes starting at the same moment may race for the row: re-read after losing a race.
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<SigningKeyRepository.Recorded> found = repository.find();
            if (found.isEmpty()) {
                try {
                    repository.insert(keys.fingerprint(), clock.instant());
                    log.info("Recorded the signing secret's fingerprint {}… for the nodes sharing this database",
                            shortly(keys.fingerprint()));
                    return;
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            SigningKeyRepository.Recorded recorded = found.get();
            if (recorded.fingerprint().equals(keys.fingerprint())) {
                return;
            }
            // A node whose own secret is the one rotated away from must not rotate the cluster back to it.
            if (recorded.fingerprint().equals(keys.previousFingerprint())
                    && !keys.fingerprint().equals(recorded.previousFingerprint())) {
                if (repository.rotate(recorded.fingerprint(), keys.fingerprint(), clock.instant())) {
                    log.info("Signing secret rotated: new tokens are signed with {}…, tokens signed with {}… are still"
                            + " accepted while rooms.jwt-previous-secret is set", shortly(keys.fingerprint()),
                            shortly(recorded.fingerprint()));
                    return;
                }
                continue;
            }
            throw mismatch(keys, recorded);
        }
        throw new IllegalStateException("Could not record the signing secret's fingerprint: other nodes kept changing it");
    }

    private static SigningKeyMismatchException mismatch(SigningKeys keys, SigningKeyRepository.Recorded recorded) {
        String which = keys.fingerprint().equals(recorded.previousFingerprint())
                ? " (it is the secret the cluster rotated away from)"
                : "";
        return new SigningKeyMismatchException("rooms.jwt-secret (ROOMS_JWT_SECRET, or the generated <data-dir>/jwt-secret"
                + " when unset) is not the secret the other nodes of this database sign tokens with" + which
                + ": its fingerprint is " + shortly(keys.fingerprint()) + "…, theirs " + shortly(recorded.fingerprint())
                + "…. Tokens issued by one would be refused by the other.");
    }

    private static String shortly(String fingerprint) {
        return fingerprint.substring(0, 12);
    }
}
