package io.configservice.credential;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs scheduled rotation and the destruction of expired previous versions on one replica at a time: every replica
 * schedules it, and a ShedLock row in PostgreSQL lets exactly one of them run it.
 */
class CredentialMaintenanceJob {

    private static final Logger log = LoggerFactory.getLogger(CredentialMaintenanceJob.class);

    private final CredentialRotationService rotations;
    private final LockingTaskExecutor locks;
    private final String lockName;
    private final Duration lockAtMostFor;
    private final Duration lockAtLeastFor;

    CredentialMaintenanceJob(CredentialRotationService rotations, LockingTaskExecutor locks, String lockName,
            Duration lockAtMostFor, Duration lockAtLeastFor) {
        this.rotations = rotations;
        this.locks = locks;
        this.lockName = lockName;
        this.lockAtMostFor = lockAtMostFor;
        this.lockAtLeastFor = lockAtLeastFor;
    }

    @Scheduled(fixedDelayString = "#{@'configservice.credentials-io.configservice.credential.CredentialProperties'"
            + ".maintenanceInterval().toMillis()}",
            initialDelayString = "#{@'configservice.credentials-io.configservice.credential.CredentialProperties'"
            + ".maintenanceInterval().toMillis()}")
    void run() {
        runOnce();
    }

    /** Runs the job if this replica gets the lock; answers whether it did. */
    boolean runOnce() {
        TaskResult<MaintenanceSummary> result;
        try {
            result = locks.executeWithLock(rotations::maintain,
                    new LockConfiguration(Instant.now(), lockName, lockAtMostFor, lockAtLeastFor));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Credential maintenance failed", e);
        }
        if (result.wasExecuted() && result.getResult().didWork()) {
            MaintenanceSummary summary = result.getResult();
            log.info("Credential maintenance: {} rotated, {} failed, {} previous versions destroyed",
                    summary.rotated(), summary.failed(), summary.destroyed());
        }
        return result.wasExecuted();
    }
}
