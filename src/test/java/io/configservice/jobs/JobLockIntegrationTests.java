package io.configservice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.configuration.history.ConfigurationRetentionService;
import io.configservice.support.IntegrationTest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two replicas (each its own lock executor on the shared {@code shedlock} table) never run one job
 * at once.
 */
class JobLockIntegrationTests extends IntegrationTest {

    @Autowired private LockProvider lockProvider;

    @Autowired private JdbcTemplate jdbc;

    @Autowired private ConfigurationRetentionService retention;

    private final ExecutorService otherReplica = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOtherReplica() {
        otherReplica.shutdownNow();
    }

    @Test
    void aReplicaSkipsTheJobWhileAnotherRunsItAndRunsItOnceItIsDone() throws Exception {
        String name = "job-lock-test-" + UUID.randomUUID();
        CountDownLatch release = new CountDownLatch(1);
        Future<Optional<String>> holder = holdLock(name, release);

        assertThat(replica(name).runIfFree(() -> "second")).isEmpty();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT lock_until > now() FROM shedlock WHERE name = ?",
                                Boolean.class,
                                name))
                .isTrue();

        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).contains("first");
        assertThat(replica(name).runIfFree(() -> "second")).contains("second");
    }

    @Test
    void configurationRetentionSkipsWhileAnotherReplicaPrunes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Optional<String>> holder = holdLock("configuration-retention", release);

        assertThat(retention.prune()).isEqualTo(-1);

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(retention.prune()).isNotNegative();
    }

    /**
     * Runs a job under the lock on the other replica until released; returns once the job is
     * running.
     */
    private Future<Optional<String>> holdLock(String name, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Future<Optional<String>> holder =
                otherReplica.submit(
                        () ->
                                replica(name)
                                        .runIfFree(
                                                () -> {
                                                    running.countDown();
                                                    awaitQuietly(release);
                                                    return "first";
                                                }));
        assertThat(running.await(10, TimeUnit.SECONDS))
                .as("the other replica got the lock")
                .isTrue();
        return holder;
    }

    private JobLock replica(String name) {
        return new JobLock(
                new DefaultLockingTaskExecutor(lockProvider),
                name,
                Duration.ofMinutes(1),
                Duration.ZERO);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
