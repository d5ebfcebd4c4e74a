package io.configservice.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.configservice.audit.CredentialChainSealing;
import io.configservice.web.DependencyFailures;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A read whose row cannot be written because PostgreSQL is unreachable fails with the outage
 * itself, which the API answers with 503 and {@code Retry-After}, not with an error of its own:
 * whether the row was to be sealed (the canonical text cannot be computed) or written unsealed.
 */
class CredentialAccessLogTests {

    @Test
    void aRowToBeSealedWhilePostgresqlIsUnreachableFailsAsADependencyOutage() throws Exception {
        CredentialChainSealing sealing = mock(CredentialChainSealing.class);
        when(sealing.prepare(any(), any(), any(), any()))
                .thenThrow(
                        new CannotGetJdbcConnectionException(
                                "Failed to obtain JDBC Connection", connectionNotAvailable()));

        assertFailsAsDependencyOutage(new CredentialAccessLog(unreachable(), json(), sealing));
    }

    @Test
    void aRowToBeWrittenUnsealedWhilePostgresqlIsUnreachableFailsAsADependencyOutage()
            throws Exception {
        CredentialChainSealing withoutKey = mock(CredentialChainSealing.class);

        assertFailsAsDependencyOutage(new CredentialAccessLog(unreachable(), json(), withoutKey));
    }

    private static void assertFailsAsDependencyOutage(CredentialAccessLog log) {
        assertThatThrownBy(
                        () ->
                                log.insert(
                                        new CredentialAccess(
                                                null,
                                                "svc.key",
                                                CredentialOperation.RETRIEVE,
                                                "token:admin",
                                                "svc",
                                                "127.0.0.1",
                                                null,
                                                true,
                                                null,
                                                null,
                                                Instant.now(),
                                                1,
                                                Map.of())))
                .satisfies(
                        failure ->
                                assertThat(DependencyFailures.isDependencyUnavailable(failure))
                                        .isTrue());
    }

    private static JdbcTemplate unreachable() throws Exception {
        DataSource dataSource = mock(DataSource.class);
        when(dataSource.getConnection()).thenThrow(connectionNotAvailable());
        return new JdbcTemplate(dataSource);
    }

    private static SQLTransientConnectionException connectionNotAvailable() {
        return new SQLTransientConnectionException("Connection is not available");
    }

    private static JsonMapper json() {
        return JsonMapper.builder().build();
    }
}
