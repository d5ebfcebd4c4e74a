package io.configservice.credential;

import io.configservice.jobs.JobLock;
import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs scheduled rotation and the destruction of expired previous versions on one replica at a
 * time: every replica schedules it, and a {@link JobLock} lets exactly one of them run it.
 */
class CredentialMaintenanceJob {

    private static final Logger log = LoggerFactory.getLogger(CredentialMaintenanceJob.class);

    private final CredentialRotationService rotations;
    private final JobLock lock;

    CredentialMaintenanceJob(
            CredentialRotationService rotations,
            LockingTaskExecutor locks,
            String lockName,
            Duration lockAtMostFor,
            Duration lockAtLeastFor) {
        this.rotations = rotations;
        this.lock = new JobLock(locks, lockName, lockAtMostFor, lockAtLeastFor);
    }

    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.credentials-io.configservice.credential.CredentialProperties'"
                            + ".maintenanceInterval().toMillis()}",
            initialDelayString =
                    "#{@'configservice.credentials-io.configservice.credential.CredentialProperties'"
                            + ".maintenanceInterval().toMillis()}")
    void run() {
        runOnce();
    }

    /** Runs the job if this replica gets the lock; answers whether it did. */
    boolean runOnce() {
        Optional<MaintenanceSummary> result = lock.runIfFree(rotations::maintain);
        result.filter(MaintenanceSummary::didWork)
                .ifPresent(
                        summary ->
                                log.info(
                                        "Credential maintenance: {} rotated, {} failed, {} previous versions destroyed",
                                        summary.rotated(),
                                        summary.failed(),
                                        summary.destroyed()));
        return result.isPresent();
    }
}
