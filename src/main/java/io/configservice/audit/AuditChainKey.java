package io.configservice.audit;

import io.configservice.audit.AuditChainKeyRepository.StoredKey;
import io.configservice.crypto.KeyEncryptionKey;
import io.configservice.crypto.KeyIntegrityException;
import io.configservice.crypto.KeyUnavailableException;
import io.configservice.crypto.WrappedKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The key that authenticates the audit chains (HMAC-SHA256), kept out of the database: {@code audit_chain_key} holds
 * it only wrapped by the key encryption key, as a data key is. The first replica that needs it generates it, wraps
 * it and inserts it (first writer wins; every replica then unwraps the stored one), and in the same transaction
 * authenticates each chain's legacy boundary with it. Unwrapped once, then kept in memory. A key wrapped by another
 * key encryption key than the configured one is never replaced: it is reported as unavailable.
 */
@Component
public class AuditChainKey {

    private static final Logger log = LoggerFactory.getLogger(AuditChainKey.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuditChainKeyRepository keys;
    private final AuditChainRepository chains;
    private final KeyEncryptionKey kek;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private volatile @Nullable ChainKey loaded;

    AuditChainKey(AuditChainKeyRepository keys, AuditChainRepository chains, KeyEncryptionKey kek,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.keys = keys;
        this.chains = chains;
        this.kek = kek;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** What a rewrap did to the wrapped chain key. */
    public enum Rewrap {
        REWRAPPED, UNCHANGED, FAILED_AUTHENTICATION
    }

    /**
     * The chain key, created on first use.
     *
     * @throws KeyUnavailableException when the key encryption key cannot wrap or unwrap it now, or the stored key was
     *     wrapped by another key encryption key than the configured one
     * @throws KeyIntegrityException when the stored wrapped key fails authentication
     */
    ChainKey current() {
        ChainKey key = loaded;
        if (key != null) {
            return key;
        }
        synchronized (this) {
            if (loaded == null) {
                loaded = unwrap(keys.find().orElseGet(this::create));
            }
            return Objects.requireNonNull(loaded);
        }
    }

    /**
     * Moves the wrapped chain key to the newest version of the key encryption key (as {@code POST /keys/rewrap} does
     * for data keys); the key itself does not change.
     *
     * @throws KeyUnavailableException when the key encryption key cannot rewrap now
     */
    public Rewrap rewrap(int latestVersion) {
        Optional<StoredKey> found = keys.find();
        if (found.isEmpty() || !found.get().kekId().equals(kek.id()) || found.get().kekVersion() >= latestVersion) {
            return Rewrap.UNCHANGED;
        }
        StoredKey stored = found.get();
        List<@Nullable WrappedKey> rewrapped = kek.rewrap(List.of(stored.wrappedKey()));
        WrappedKey next = rewrapped.get(0);
        if (next == null) {
            log.error("Security: the wrapped audit chain key failed authentication while rewrapping; it was left as "
                    + "it was and the audit cannot be sealed or verified with it");
            return Rewrap.FAILED_AUTHENTICATION;
        }
        return keys.replace(stored.wrappedKey(), next.ciphertext(), next.version()) ? Rewrap.REWRAPPED
                : Rewrap.UNCHANGED;
    }

    private StoredKey create() {
        byte[] material = new byte[ChainKey.KEY_BYTES];
        RANDOM.nextBytes(material);
        try {
            WrappedKey wrapped = kek.wrap(material);
            StoredKey candidate = new StoredKey(wrapped.ciphertext(), kek.id(), wrapped.version());
            return Objects.requireNonNull(newTransaction.execute(status -> {
                if (keys.insertIfAbsent(candidate, clock.instant())) {
                    authenticateBoundaries(new ChainKey(material));
                }
                return keys.find().orElseThrow();
            }));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private void authenticateBoundaries(ChainKey key) {
        StringBuilder boundaries = new StringBuilder();
        for (AuditChain chain : AuditChain.values()) {
            AuditChainRepository.State state = chains.state(chain, true);
            chains.authenticateBoundary(chain, key.boundaryMac(chain, state.legacySeq(), state.legacyHash()));
            boundaries.append(boundaries.isEmpty() ? "" : ", ").append(chain.chainName()).append(' ')
                    .append(state.legacySeq());
        }
        log.info("Created the audit chain key (HMAC-SHA256, wrapped by key encryption key {}); rows sealed before it "
                + "keep their SHA-256 hashes and are verified as legacy rows up to position {}", kek.id(), boundaries);
    }

    private ChainKey unwrap(StoredKey stored) {
        if (!stored.kekId().equals(kek.id())) {
            throw new KeyUnavailableException("The audit chain key is wrapped by key encryption key '"
                    + stored.kekId() + "' but '" + kek.id() + "' is configured");
        }
        byte[] material = kek.unwrap(stored.wrappedKey());
        try {
            if (material.length != ChainKey.KEY_BYTES) {
                throw new KeyIntegrityException("The unwrapped audit chain key has the wrong length");
            }
            ChainKey key = new ChainKey(material);
            log.info("Audit chain key unwrapped (version {} of key encryption key {})", stored.kekVersion(),
                    stored.kekId());
            return key;
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }
}
