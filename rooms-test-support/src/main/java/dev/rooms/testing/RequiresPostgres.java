package dev.rooms.testing;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs PostgreSQL tests only where PostgreSQL answers ({@code @ExtendWith(RequiresPostgres.class)}).
 * Unreachable: skipped with the reason printed, except with {@code CI=true}, where nothing may be skipped and
 * the tests fail instead. The database is asked once per JVM.
 */
public final class RequiresPostgres implements ExecutionCondition {

    private static String unreachable;
    private static boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String problem = problem();
        if (problem == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + RequiredServices.POSTGRES_URL);
        }
        String reason = "PostgreSQL not reachable at " + RequiredServices.POSTGRES_URL + " (" + problem + ")";
        if (RequiredServices.ci()) {
            throw new IllegalStateException(reason + "; CI=true, so the PostgreSQL tests may not be skipped");
        }
        System.err.println("SKIPPED " + context.getDisplayName() + ": " + reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static synchronized String problem() {
        if (!checked) {
            try (Connection ignored = RequiredServices.connectPostgres()) {
                unreachable = null;
            } catch (SQLException e) {
                unreachable = e.getMessage();
            }
            checked = true;
        }
        return unreachable;
    }
}
