package io.configservice.audit;

import io.configservice.crypto.KeyIntegrityException;
import io.configservice.crypto.KeyUnavailableException;
import io.configservice.jobs.JobLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention of the access logs ({@link AuditRetentionProperties}), in batches of {@code batch-size}
 * rows, each its own short transaction, so writers are never locked out for long.
 *
 * <p>{@code configuration_access_log} is not chained: its rows older than the retention are
 * deleted. The credential chain ({@code credential_access_log}) is pruned from its start: each
 * batch takes the rows after the newest checkpoint up to the first one younger than the read
 * retention, checks them with the chain key as the verifier would (a prefix that does not verify is
 * never pruned, so retention cannot hide tampering), deletes the reads among them and the changes
 * and admin actions older than their own retention (the others stay, as kept rows), and writes the
 * next signed {@link AuditCheckpoint} in the same transaction.
 *
 * <p>The configuration log is pruned by one replica at a time (a {@link JobLock}; the others skip):
 * two at once would only repeat each other's deletes. Each batch of the credential chain holds a
 * transaction-scoped advisory lock, taken without waiting (a replica that does not get it skips the
 * run): the checkpoint a batch writes derives from the newest one it read, so two replicas must
 * never prune the chain at once, and a lock leased for a time (a {@link JobLock}) could expire
 * while a stalled replica still holds its transaction. Replicas may take turns between batches;
 * each batch starts from the newest checkpoint.
 */
@Service
public class AccessLogRetention {

    private static final Logger log = LoggerFactory.getLogger(AccessLogRetention.class);
    private static final AuditChain CHAIN = AuditChain.CREDENTIAL;
    private static final String CONFIGURATION_ACCESS_LOCK = "audit-retention:configuration-access";

    private final AuditRetentionProperties properties;
    private final AuditRetentionRepository retention;
    private final AuditChainRepository chains;
    private final AuditChainKey chainKey;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JobLock configurationAccessLock;

    AccessLogRetention(
            AuditRetentionProperties properties,
            AuditRetentionRepository retention,
            AuditChainRepository chains,
            AuditChainKey chainKey,
            TransactionTemplate transactions,
            Clock clock,
            LockingTaskExecutor jobLocks) {
        this.properties = properties;
        this.retention = retention;
        this.chains = chains;
        this.chainKey = chainKey;
        this.transactions = transactions;
        this.clock = clock;
        this.configurationAccessLock =
                new JobLock(
                        jobLocks,
                        CONFIGURATION_ACCESS_LOCK,
                        JobLock.HOURLY_AT_MOST_FOR,
                        Duration.ZERO);
    }

    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.audit.retention-io.configservice.audit.AuditRetentionProperties'"
                            + ".interval().toMillis()}",
            initialDelayString =
                    "#{@'configservice.audit.retention-io.configservice.audit.AuditRetentionProperties'"
                            + ".initialDelay().toMillis()}")
    public void run() {
        Instant now = clock.instant();
        long configuration =
                AuditRetentionProperties.keepsForever(properties.configurationAccess())
                        ? 0
                        : pruneConfigurationAccess(now.minus(properties.configurationAccess()));
        long credential = 0;
        if (!AuditRetentionProperties.keepsForever(properties.credentialAccess())) {
            try {
                credential =
                        pruneCredentialChain(
                                now.minus(properties.credentialAccess()),
                                AuditRetentionProperties.keepsForever(
                                                properties.credentialChanges())
                                        ? null
                                        : now.minus(properties.credentialChanges()));
            } catch (KeyUnavailableException | KeyIntegrityException e) {
                log.warn(
                        "Retention of credential_access_log skipped: the audit chain key is unavailable ({}); "
                                + "retried at the next run",
                        e.getMessage());
            } catch (RetentionRefusedException e) {
                log.error(
                        "Security: retention of credential_access_log refused, {}; nothing is pruned from the "
                                + "credential chain until it verifies. Check GET /api/v1/audit/verify",
                        e.getMessage());
            }
        }
        if (configuration > 0 || credential > 0) {
            log.info(
                    "Retention deleted {} rows of configuration_access_log and {} of credential_access_log",
                    configuration,
                    credential);
        }
    }

    /**
     * @return rows deleted; 0 when another replica holds the lock
     */
    long pruneConfigurationAccess(Instant cutoff) {
        return configurationAccessLock
                .runIfFree(
                        () -> {
                            long deleted = 0;
                            while (true) {
                                int batch =
                                        Objects.requireNonNull(
                                                transactions.execute(
                                                        status ->
                                                                retention.deleteConfigurationAccess(
                                                                        cutoff,
                                                                        properties.batchSize())));
                                if (batch == 0) {
                                    return deleted;
                                }
                                deleted += batch;
                            }
                        })
                .orElse(0L);
    }

    /**
     * @param readCutoff reads before it are pruned; the prefix ends at the first row not before it
     * @param changeCutoff other rows before it are pruned too; {@code null} keeps them
     * @return rows deleted; stops early when another replica holds the lock
     * @throws RetentionRefusedException when the newest checkpoint or a row to prune does not
     *     verify
     */
    long pruneCredentialChain(Instant readCutoff, @Nullable Instant changeCutoff) {
        ChainKey key = chainKey.current();
        long deleted = 0;
        while (true) {
            Batch batch =
                    Objects.requireNonNull(
                            transactions.execute(
                                    status -> pruneCredentialBatch(key, readCutoff, changeCutoff)));
            deleted += batch.deleted();
            if (!batch.moved()) {
                return deleted;
            }
        }
    }

    private Batch pruneCredentialBatch(
            ChainKey key, Instant readCutoff, @Nullable Instant changeCutoff) {
        if (!retention.tryLockCredentialChain()) {
            return Batch.NOTHING;
        }
        AuditCheckpoint checkpoint = chains.newestCheckpoint(CHAIN);
        if (!key.authenticates(CHAIN, checkpoint)) {
            throw new RetentionRefusedException(
                    "the newest retention checkpoint (id "
                            + checkpoint.id()
                            + ") is not authenticated by the audit chain key");
        }
        AuditChainRepository.State state = chains.state(CHAIN, false);
        if (!key.authenticates(CHAIN, state)) {
            throw new RetentionRefusedException(
                    "the legacy boundary of the chain is not authenticated by the audit "
                            + "chain key");
        }
        ChainWalk walk =
                new ChainWalk(state.legacySeq(), state.legacyHash(), key.link(), checkpoint);
        List<AuditRetentionRepository.ChainRow> expiredKept =
                changeCutoff == null
                        ? List.of()
                        : retention.keptRowsOlderThan(
                                checkpoint.throughSeq(), changeCutoff, properties.batchSize());
        List<AuditRetentionRepository.ChainRow> prefix = new ArrayList<>();
        for (AuditRetentionRepository.ChainRow row :
                retention.chainRowsAfter(checkpoint.throughSeq(), properties.batchSize())) {
            if (!row.olderThan(readCutoff)) {
                break;
            }
            prefix.add(row);
        }
        List<AuditRetentionRepository.ChainRow> doomed = new ArrayList<>(expiredKept);
        long keptInPrefix = 0;
        for (AuditRetentionRepository.ChainRow row : prefix) {
            if (row.read() || changeCutoff != null && row.olderThan(changeCutoff)) {
                doomed.add(row);
            } else {
                keptInPrefix++;
            }
        }
        expiredKept.forEach(row -> walk.visit(row.row()));
        prefix.forEach(row -> walk.visit(row.row()));
        String problem = walk.problem();
        if (problem != null) {
            throw new RetentionRefusedException(problem);
        }
        if (doomed.isEmpty() && prefix.isEmpty()) {
            return Batch.NOTHING;
        }
        int deleted =
                retention.deleteCredentialRows(doomed.stream().map(row -> row.row().id()).toList());
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = retention.nextCheckpointId();
        AuditCheckpoint unsigned =
                new AuditCheckpoint(
                        id,
                        walk.position(),
                        walk.lastHash(),
                        checkpoint.kept() - expiredKept.size() + keptInPrefix,
                        checkpoint.pruned() + deleted,
                        doomed.stream()
                                .map(AuditRetentionRepository.ChainRow::accessedAt)
                                .filter(Objects::nonNull)
                                .min(Comparator.naturalOrder())
                                .orElse(null),
                        doomed.stream()
                                .map(AuditRetentionRepository.ChainRow::accessedAt)
                                .filter(Objects::nonNull)
                                .max(Comparator.naturalOrder())
                                .orElse(null),
                        createdAt,
                        "");
        retention.insertCheckpoint(
                CHAIN,
                new AuditCheckpoint(
                        id,
                        unsigned.throughSeq(),
                        unsigned.throughHash(),
                        unsigned.kept(),
                        unsigned.pruned(),
                        unsigned.firstAt(),
                        unsigned.lastAt(),
                        createdAt,
                        key.checkpointMac(CHAIN, unsigned)));
        return new Batch(deleted, true);
    }

    /**
     * What one batch did: rows deleted, and whether it wrote a checkpoint (so another batch may
     * follow).
     */
    private record Batch(long deleted, boolean moved) {

        static final Batch NOTHING = new Batch(0, false);
    }
}
