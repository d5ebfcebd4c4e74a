package io.configservice.audit;

import io.configservice.crypto.DeploymentKeys;
import io.configservice.crypto.KeyEncryptionKey;
import io.configservice.support.StubKeyEncryptionKey;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
                        chains),
                new TransactionTemplate(transactionManager));
    }

    /**
     * The credential chain sealing of another replica: its own idea of the chain's head, the same
     * chain key (unwrapped with the same key encryption key), in memory.
     */
    public static CredentialChainSealing sealingOfAnotherReplica(
            JdbcTemplate jdbc,
            KeyEncryptionKey kek,
            PlatformTransactionManager transactionManager) {
        AuditChainRepository chains = new AuditChainRepository(jdbc);
        AuditChainKey chainKey =
                new AuditChainKey(
                        new DeploymentKeys(jdbc, kek, transactionManager, Clock.systemUTC()),
                        chains);
        load(chainKey);
        return new CredentialChainSealing(
                chains, chainKey, new TransactionTemplate(transactionManager));
    }
}
