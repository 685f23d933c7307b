package dev.rooms.server.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link SigningKeyMismatchException} in Spring Boot's "APPLICATION FAILED TO START" report. */
final class SigningKeyMismatchFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyMismatchException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Give every node the same rooms.jwt-secret. To change the secret of a running cluster node by node,"
                        + " first restart each node with rooms.jwt-next-secret (ROOMS_JWT_NEXT_SECRET) set to the new"
                        + " secret, then restart each with rooms.jwt-secret set to the new secret and"
                        + " rooms.jwt-previous-secret (ROOMS_JWT_PREVIOUS_SECRET) to the old one: tokens signed with"
                        + " either stay valid while it is set. To discard the old secret at once (it leaked), stop every"
                        + " node and run DELETE FROM signing_key; in the database before starting them with the new one.",
                cause);
    }
}
