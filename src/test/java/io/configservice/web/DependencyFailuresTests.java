package io.configservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.hibernate.TransactionException;
import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.client.ResourceAccessException;

class DependencyFailuresTests {

    @Test
    void aStatementCutOffByAServerShutdownOrALostConnectionIsAnOutage() {
        for (String state :
                new String[] {"57P01", "57P02", "57P03", "53300", "08006", "08003", "08001"}) {
            assertThat(
                            DependencyFailures.isDependencyUnavailable(
                                    new JpaSystemException(
                                            new GenericJDBCException(
                                                    "could not execute statement",
                                                    new SQLException("FATAL", state)))))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void aRollbackOnAConnectionThePoolClosedAsBrokenIsAnOutage() {
        assertThat(
                        DependencyFailures.isDependencyUnavailable(
                                new JpaSystemException(
                                        new TransactionException(
                                                "Unable to rollback against JDBC Connection",
                                                new SQLException("Connection is closed")))))
                .isTrue();
        assertThat(
                        DependencyFailures.isDependencyUnavailable(
                                new TransactionSystemException(
                                        "Could not commit JDBC transaction",
                                        new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void aRefusedConnectionToAnyDependencyIsAnOutage() {
        assertThat(
                        DependencyFailures.isDependencyUnavailable(
                                new ResourceAccessException(
                                        "I/O error", new ConnectException("Connection refused"))))
                .isTrue();
    }

    @Test
    void errorsTheServerReportsAboutTheRequestAndBugsAreNot() {
        assertThat(
                        DependencyFailures.isDependencyUnavailable(
                                new DataIntegrityViolationException(
                                        "duplicate", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(
                        DependencyFailures.isDependencyUnavailable(
                                new TransactionSystemException(
                                        "commit failed",
                                        new SQLException("deferred constraint", "23503"))))
                .isFalse();
        assertThat(
                        DependencyFailures.isDependencyUnavailable(
                                new JpaSystemException(
                                        new GenericJDBCException(
                                                "bad", new SQLException("syntax error", "42601")))))
                .isFalse();
        assertThat(
                        DependencyFailures.isDependencyUnavailable(
                                new SQLException("no state outside a commit")))
                .isFalse();
        assertThat(DependencyFailures.isDependencyUnavailable(new IllegalStateException("bug")))
                .isFalse();
    }
}
