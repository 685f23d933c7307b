package dev.rooms.server.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@link SchemaTooNewException} in Spring Boot's "APPLICATION FAILED TO START" report. */
final class SchemaTooNewFailureAnalyzer extends AbstractFailureAnalyzer<SchemaTooNewException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaTooNewException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Run the same Rooms release on every node sharing the database (rooms.database-url); upgrade this node.",
                cause);
    }
}
