package io.configservice.configuration.history;

import io.configservice.environment.EnvironmentDefinition;
import io.configservice.environment.EnvironmentService;
import io.configservice.environment.RetentionPolicy;
import io.configservice.jobs.JobLock;
import java.time.Duration;
import java.util.Objects;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prunes old configuration versions by each environment's {@link RetentionPolicy}, in one
 * transaction. One replica prunes at a time (a {@link JobLock}; the others skip the round): two
 * prunes at once would only repeat each other's deletes. The current version of a configuration is
 * never pruned, and a pruned version's history row goes with it while kept versions keep theirs.
 * Reads of a pruned version answer 410 {@code VERSION_PRUNED}.
 */
@Service
public class ConfigurationRetentionService {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationRetentionService.class);
    private static final String LOCK = "configuration-retention";

    private final ConfigurationPruning pruning;
    private final EnvironmentService environments;
    private final TransactionTemplate transactions;
    private final JobLock lock;

    public ConfigurationRetentionService(
            ConfigurationPruning pruning,
            EnvironmentService environments,
            TransactionTemplate transactions,
            LockingTaskExecutor jobLocks) {
        this.pruning = pruning;
        this.environments = environments;
        this.transactions = transactions;
        this.lock = new JobLock(jobLocks, LOCK, JobLock.HOURLY_AT_MOST_FOR, Duration.ZERO);
    }

    /**
     * @return the number of versions pruned, or -1 when another replica holds the pruning lock
     */
    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.retention-io.configservice.configuration.history.RetentionProperties'"
                            + ".interval().toMillis()}",
            initialDelayString =
                    "#{@'configservice.retention-io.configservice.configuration.history.RetentionProperties'"
                            + ".initialDelay().toMillis()}")
    public int prune() {
        return lock.runIfFree(
                        () -> Objects.requireNonNull(transactions.execute(status -> pruneAll())))
                .orElse(-1);
    }

    private int pruneAll() {
        int pruned = 0;
        for (EnvironmentDefinition environment : environments.definitions().values()) {
            RetentionPolicy policy = environment.retention();
            if (!policy.keepsEverything()) {
                pruned +=
                        pruning.prune(environment.id(), policy.maxVersions(), policy.maxAgeDays());
            }
        }
        if (pruned > 0) {
            log.info("Retention pruned {} configuration versions", pruned);
        }
        return pruned;
    }
}
