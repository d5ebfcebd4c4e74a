package io.configservice.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.configservice.audit.CredentialChainSealing;
import io.configservice.web.DependencyFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A read whose row cannot be written because PostgreSQL is unreachable fails with the outage
 * itself, which the API answers with 503 and {@code Retry-After}, not with an error of its own.
 */
class CredentialAccessLogTests {

    @Test
    void aRowWrittenWhilePostgresqlIsUnreachableFailsAsADependencyOutage() {
        PlatformTransactionManager unreachable = mock(PlatformTransactionManager.class);
        when(unreachable.getTransaction(any()))
                .thenThrow(
                        new CannotCreateTransactionException(
                                "Could not open JDBC Connection for transaction",
                                new SQLTransientConnectionException(
                                        "Connection is not available")));
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        CredentialChainSealing sealing = mock(CredentialChainSealing.class);
        CredentialAccessLog log =
                new CredentialAccessLog(
                        jdbc,
                        JsonMapper.builder().build(),
                        new TransactionTemplate(unreachable),
                        sealing,
                        new SimpleMeterRegistry());

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
        verifyNoInteractions(jdbc, sealing);
    }
}
