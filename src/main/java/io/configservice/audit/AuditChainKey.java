package io.configservice.audit;

import io.configservice.crypto.DeploymentKeys;
import io.configservice.crypto.KeyIntegrityException;
import io.configservice.crypto.KeyUnavailableException;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The key that authenticates the audit chains (HMAC-SHA256), kept out of the database: it is the
 * deployment key {@value #NAME} ({@link DeploymentKeys}: stored only wrapped by the key encryption
 * key, created by the first replica that needs it, shared by all, kept in memory once unwrapped,
 * rewrapped with the data keys). The replica that creates it authenticates each chain's legacy
 * boundary with it in the transaction that stores it.
 */
@Component
public class AuditChainKey {

    static final String NAME = "audit-chain";
    private static final Logger log = LoggerFactory.getLogger(AuditChainKey.class);

    private final DeploymentKeys keys;
    private final AuditChainRepository chains;

    AuditChainKey(DeploymentKeys keys, AuditChainRepository chains) {
        this.keys = keys;
        this.chains = chains;
    }

    /**
     * The chain key, created on first use.
     *
     * @throws KeyUnavailableException when the key encryption key cannot wrap or unwrap it now, or
     *     the stored key was wrapped by another key encryption key than the configured one
     * @throws KeyIntegrityException when the stored wrapped key fails authentication
     */
    ChainKey current() {
        return new ChainKey(keys.key(NAME, this::authenticateBoundaries));
    }

    /**
     * The chain key if it is in memory already (the sealer, verification or retention loaded it);
     * empty otherwise, without waiting for the key encryption key.
     */
    Optional<ChainKey> inMemory() {
        return keys.loaded(NAME).map(ChainKey::new);
    }

    private void authenticateBoundaries(SecretKey created) {
        ChainKey key = new ChainKey(created);
        StringBuilder boundaries = new StringBuilder();
        for (AuditChain chain : AuditChain.values()) {
            AuditChainRepository.State state = chains.state(chain, true);
            chains.authenticateBoundary(
                    chain, key.boundaryMac(chain, state.legacySeq(), state.legacyHash()));
            boundaries
                    .append(boundaries.isEmpty() ? "" : ", ")
                    .append(chain.chainName())
                    .append(' ')
                    .append(state.legacySeq());
        }
        log.info(
                "Created the audit chain key (HMAC-SHA256); rows sealed before it keep their SHA-256 hashes and are "
                        + "verified as legacy rows up to position {}",
                boundaries);
    }
}
