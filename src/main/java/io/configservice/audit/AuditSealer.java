package io.configservice.audit;

import io.configservice.crypto.KeyIntegrityException;
import io.configservice.crypto.KeyUnavailableException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Seals new audit rows into their chain, oldest first, on one replica at a time: each row's hash is
 * the HMAC-SHA256, under the {@link AuditChainKey}, of the previous hash and the row. Rows are
 * written by the audited operation itself (so it fails when its audit row cannot be written);
 * sealing them here keeps those transactions free of a cluster-wide lock, at the price of a short
 * window (the seal interval) in which a new row is not yet chained. Credential access rows written
 * outside a transaction are sealed as they are written instead ({@link CredentialChainSealing});
 * the sealer takes the credential chain's state row lock as that writer does, so whichever comes
 * second continues where the other ended, and rows it seals late take positions after rows sealed
 * at write that were written later (the chain's order is its positions, not the rows' ids or
 * times). While the chain key cannot be unwrapped (Vault unreachable) rows stay unsealed and
 * sealing is retried with a growing pause; a chain whose legacy boundary the key does not
 * authenticate (another key, or a moved boundary) is never sealed.
 */
@Service
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);
    private static final int BATCH = 1_000;

    private final AuditChainRepository chains;
    private final AuditChainKey chainKey;
    private final TransactionTemplate transactions;
    private final Set<AuditChain> refused = ConcurrentHashMap.newKeySet();
    private final ExponentialBackOff keyRetryPauses = new ExponentialBackOff(500, 2);
    private volatile @Nullable BackOffExecution keyRetries;
    private volatile long nextKeyAttemptNanos = System.nanoTime();

    public AuditSealer(
            AuditChainRepository chains, AuditChainKey chainKey, TransactionTemplate transactions) {
        this.chains = chains;
        this.chainKey = chainKey;
        this.transactions = transactions;
        this.keyRetryPauses.setMaxInterval(30_000);
    }

    /**
     * @return how many rows were sealed, or -1 when another replica is sealing or the chain key is
     *     unavailable
     */
    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.audit-io.configservice.audit.AuditSealingProperties'"
                            + ".sealInterval().toMillis()}",
            initialDelayString =
                    "#{@'configservice.audit-io.configservice.audit.AuditSealingProperties'"
                            + ".sealInterval().toMillis()}")
    public int seal() {
        if (!chains.anyUnsealed()) {
            return 0;
        }
        if (System.nanoTime() - nextKeyAttemptNanos < 0) {
            return -1;
        }
        ChainKey key;
        try {
            key = chainKey.current();
        } catch (KeyUnavailableException | KeyIntegrityException e) {
            keyUnavailable(e);
            return -1;
        }
        if (keyRetries != null) {
            keyRetries = null;
            log.info("Audit chain key available; sealing resumes");
        }
        return Objects.requireNonNull(
                transactions.execute(
                        status -> {
                            if (!chains.tryLockSealer()) {
                                return -1;
                            }
                            int sealed = 0;
                            for (AuditChain chain : AuditChain.values()) {
                                sealed += seal(chain, key);
                            }
                            return sealed;
                        }));
    }

    /**
     * Waits longer after each failure (from 500 ms, doubling up to 30 s), so an unreachable Vault
     * holds a scheduler thread for at most one connection timeout now and then, with one warning
     * when the wait starts.
     */
    private void keyUnavailable(RuntimeException e) {
        BackOffExecution retries = keyRetries;
        if (retries == null) {
            log.warn(
                    "Audit rows stay unsealed until the audit chain key can be unwrapped; retrying: {}",
                    e.getMessage());
            retries = keyRetryPauses.start();
            keyRetries = retries;
        }
        nextKeyAttemptNanos = System.nanoTime() + retries.nextBackOff() * 1_000_000;
    }

    private int seal(AuditChain chain, ChainKey key) {
        List<AuditChainRepository.Row> rows = chains.unsealed(chain, BATCH);
        if (rows.isEmpty()) {
            return 0;
        }
        AuditChainRepository.State state = chains.state(chain, true);
        if (!key.authenticates(chain, state)) {
            if (refused.add(chain)) {
                log.error(
                        "Security: the legacy boundary of audit chain '{}' is not authenticated by the audit chain "
                                + "key (a moved boundary or a replaced key); its rows are not sealed. Check GET "
                                + "/api/v1/audit/verify",
                        chain.chainName());
            }
            return 0;
        }
        if (refused.remove(chain)) {
            log.info(
                    "Audit chain '{}' is authenticated by the chain key again; sealing resumes",
                    chain.chainName());
        }
        ChainAppend append = new ChainAppend(key.link(), state);
        List<AuditChainRepository.Row> sealed =
                rows.stream().map(row -> append.next(row.id(), row.canonical())).toList();
        chains.seal(chain, sealed);
        chains.advance(chain, append.lastSeq(), append.lastHash());
        return sealed.size();
    }
}
