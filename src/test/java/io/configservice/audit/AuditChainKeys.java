package io.configservice.audit;

import io.configservice.crypto.DeploymentKeys;
import io.configservice.support.StubKeyEncryptionKey;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The audit chain key's states that tests outside this package set up. */
public final class AuditChainKeys {

    private AuditChainKeys() {}

    /** Loads the chain key into memory (creating it on a new database), as the sealer would. */
    public static void load(AuditChainKey chainKey) {
        chainKey.current();
    }

    /**
     * The credential chain sealing of a replica that does not have the chain key in memory and
     * cannot unwrap it (its key encryption key is unreachable).
     */
    public static CredentialChainSealing sealingWithoutKey(
            JdbcTemplate jdbc, String kekId, PlatformTransactionManager transactionManager) {
        AuditChainRepository chains = new AuditChainRepository(jdbc);
        return new CredentialChainSealing(
                chains,
                new AuditChainKey(
                        new DeploymentKeys(
                                jdbc,
                                StubKeyEncryptionKey.unreachable(kekId),
                                transactionManager,
                                Clock.systemUTC()),
                        chains));
    }
}
