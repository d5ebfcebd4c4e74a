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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A read whose row cannot be written because PostgreSQL is unreachable fails with the outage
 * itself, which the API answers with 503 and {@code Retry-After}, not with an error of its own; a
 * group commit that ends in an {@link Error} fails every caller of its batch.
 */
class CredentialAccessLogTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

        assertThatThrownBy(() -> log.insert(access()))
                .satisfies(
                        failure ->
                                assertThat(DependencyFailures.isDependencyUnavailable(failure))
                                        .isTrue());
        verifyNoInteractions(jdbc, sealing);
    }

    /**
     * One caller holds the write lock while two more queue their rows; the next group commit,
     * holding both, ends in an {@link Error} in the thread that leads it. That thread sees the
     * error, and the other caller fails as well instead of returning as if its read were on record.
     */
    @Test
    void aGroupCommitEndingInAnErrorFailsEveryCallerOfItsBatch() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        TransactionTemplate transactions =
                new TransactionTemplate() {
                    @Override
                    public <T> T execute(TransactionCallback<T> action) {
                        if (writes.incrementAndGet() > 1) {
                            throw new WriteEndedInError();
                        }
                        firstWriteStarted.countDown();
                        await(releaseFirstWrite);
                        return action.doInTransaction(new SimpleTransactionStatus());
                    }
                };
        CredentialAccessLog log =
                new CredentialAccessLog(
                        mock(JdbcTemplate.class),
                        JsonMapper.builder().build(),
                        transactions,
                        mock(CredentialChainSealing.class),
                        new SimpleMeterRegistry());

        Outcome first = Outcome.of(() -> log.insert(access()));
        assertThat(firstWriteStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Outcome second = Outcome.of(() -> log.insert(access()));
        Outcome third = Outcome.of(() -> log.insert(access()));
        Awaitility.await().atMost(WAIT).until(() -> second.isWaiting() && third.isWaiting());
        releaseFirstWrite.countDown();

        assertThat(first.failure()).isNull();
        assertThat(Arrays.asList(second.failure(), third.failure()))
                .extracting(
                        failure ->
                                failure == null ? "returned" : failure.getClass().getSimpleName())
                .containsExactlyInAnyOrder("WriteEndedInError", "IllegalStateException");
        assertThat(writes).hasValue(2);
    }

    private static CredentialAccess access() {
        return new CredentialAccess(
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
                Map.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class WriteEndedInError extends Error {

        private WriteEndedInError() {
            super("the group commit ended in an error");
        }
    }

    /** One caller's insert on a thread of its own, and what it ended with. */
    private static final class Outcome {

        private final Thread thread;
        private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

        private Outcome(Runnable insert) {
            this.thread =
                    new Thread(
                            () -> {
                                try {
                                    insert.run();
                                } catch (Throwable e) {
                                    failure.set(e);
                                }
                            });
        }

        static Outcome of(Runnable insert) {
            Outcome outcome = new Outcome(insert);
            outcome.thread.start();
            return outcome;
        }

        /** Queued its row and parked, the write lock being held by another caller. */
        boolean isWaiting() {
            return thread.getState() == Thread.State.TIMED_WAITING;
        }

        @Nullable Throwable failure() throws InterruptedException {
            thread.join(WAIT.toMillis());
            assertThat(thread.isAlive()).as("insert returned").isFalse();
            return failure.get();
        }
    }
}
