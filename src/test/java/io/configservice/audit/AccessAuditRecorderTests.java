package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writer's retries: a failed batch is retried until written, and a stop during the pause still
 * writes it.
 */
class AccessAuditRecorderTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void retriesAFailedBatchUntilItIsWrittenAndCountsEachFailure() throws Exception {
        FlakyAccessLog log = new FlakyAccessLog(2);
        AccessAuditRecorder recorder = recorder(log, Duration.ofMillis(10));
        recorder.start();
        try {
            recorder.record(access());

            assertThat(recorder.awaitWritten(Duration.ofSeconds(10))).isTrue();
        } finally {
            recorder.stop();
        }
        assertThat(log.written).hasSize(1);
        assertThat(meters.counter("configservice.audit.access.write.failures").count())
                .isEqualTo(2);
    }

    @Test
    void stoppingDuringTheRetryPauseStillWritesTheBatch() throws Exception {
        FlakyAccessLog log = new FlakyAccessLog(1);
        AccessAuditRecorder recorder = recorder(log, Duration.ofSeconds(30));
        recorder.start();
        recorder.record(access());
        assertThat(log.failed.tryAcquire(10, TimeUnit.SECONDS))
                .as("the first insert failed")
                .isTrue();

        long start = System.nanoTime();
        recorder.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(log.written).hasSize(1);
        assertThat(recorder.awaitWritten(Duration.ofSeconds(1))).isTrue();
    }

    private AccessAuditRecorder recorder(ConfigurationAccessLog log, Duration flushInterval) {
        return new AccessAuditRecorder(
                log, meters, new AccessAuditProperties(10, 10, flushInterval, Duration.ZERO));
    }

    private static ConfigurationAccess access() {
        return new ConfigurationAccess(
                "svc", "dev", 1, null, "tester", null, null, false, Instant.now());
    }

    /** Fails its first inserts, then keeps what it is given. */
    private static final class FlakyAccessLog extends ConfigurationAccessLog {

        final List<ConfigurationAccess> written = new CopyOnWriteArrayList<>();
        final Semaphore failed = new Semaphore(0);
        private int failures;

        FlakyAccessLog(int failures) {
            super(new JdbcTemplate());
            this.failures = failures;
        }

        @Override
        synchronized void insertAll(List<ConfigurationAccess> accesses) {
            if (failures > 0) {
                failures--;
                failed.release();
                throw new DataAccessResourceFailureException("database unreachable");
            }
            written.addAll(accesses);
        }
    }
}
