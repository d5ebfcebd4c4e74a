package io.configservice.web;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.hibernate.TransactionException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure caused by a dependency that cannot serve right now (PostgreSQL, Redis, the key
 * service) from a bug, by the exception's cause chain rather than its message: whatever wraps it (a
 * failed commit or rollback, a Hibernate or Spring translation), a request that failed this way
 * answers 503 {@code DEPENDENCY_UNAVAILABLE} with {@code Retry-After}, never 500.
 *
 * <p>A commit or rollback that fails with an {@link SQLException} without SQLState counts too: a
 * server's own errors always carry a state, and HikariCP, once a statement has shown the connection
 * broken (state {@code 08…} or {@code 57P0x}), swaps in a closed connection whose every call throws
 * a stateless "Connection is closed"; the rollback Spring then attempts fails with that and
 * replaces the original failure.
 */
public final class DependencyFailures {

    /** The {@code Retry-After} of every 503 {@code DEPENDENCY_UNAVAILABLE}. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /**
     * PostgreSQL states of a server going away or not taking connections: admin shutdown, crash
     * shutdown, cannot connect now (starting up or shutting down), too many connections. Class
     * {@code 08} (connection exception) is matched as a class.
     */
    private static final Set<String> UNAVAILABLE_SQL_STATES =
            Set.of("57P01", "57P02", "57P03", "53300");

    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    private static final int MAX_CAUSES = 32;

    private DependencyFailures() {}

    public static boolean isDependencyUnavailable(Throwable failure) {
        boolean completingTransaction = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            completingTransaction |=
                    t instanceof TransactionException || t instanceof TransactionSystemException;
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && (unavailableState(sql.getSQLState())
                            || completingTransaction && sql.getSQLState() == null)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailableState(@Nullable String sqlState) {
        return sqlState != null
                && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS)
                        || UNAVAILABLE_SQL_STATES.contains(sqlState));
    }
}
