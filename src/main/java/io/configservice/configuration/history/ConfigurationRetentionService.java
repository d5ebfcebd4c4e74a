package io.configservice.configuration.history;

import io.configservice.environment.EnvironmentDefinition;
import io.configservice.environment.EnvironmentService;
import io.configservice.environment.RetentionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prunes old configuration versions by each environment's {@link RetentionPolicy}. One replica prunes at a time
 * (a transaction-scoped PostgreSQL advisory lock; the others skip the round). The current version of a
 * configuration is never pruned, and a pruned version's history row goes with it while kept versions keep theirs.
 * Reads of a pruned version answer 410 {@code VERSION_PRUNED}.
 */
@Service
public class ConfigurationRetentionService {

    private static final Logger log = LoggerFactory.getLogger(ConfigurationRetentionService.class);

    private final ConfigurationPruning pruning;
    private final EnvironmentService environments;

    public ConfigurationRetentionService(ConfigurationPruning pruning, EnvironmentService environments) {
        this.pruning = pruning;
        this.environments = environments;
    }

    /** @return the number of versions pruned, or -1 when another replica holds the pruning lock */
    @Scheduled(fixedDelayString = "${configservice.retention.interval:1h}",
            initialDelayString = "${configservice.retention.initial-delay:5m}")
    @Transactional
    public int prune() {
        if (!pruning.tryLock()) {
            return -1;
        }
        int pruned = 0;
        for (EnvironmentDefinition environment : environments.definitions().values()) {
            RetentionPolicy policy = environment.retention();
            if (!policy.keepsEverything()) {
                pruned += pruning.prune(environment.id(), policy.maxVersions(), policy.maxAgeDays());
            }
        }
        if (pruned > 0) {
            log.info("Retention pruned {} configuration versions", pruned);
        }
        return pruned;
    }
}
