package io.configservice.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.SecretKey;

/**
 * The unwrapped audit chain key, held in memory only: it links rows sealed after the upgrade to
 * HMAC chains and authenticates each chain's legacy boundary. It has no accessor for its bytes and
 * its {@code toString} names none.
 */
final class ChainKey {

    static final String ALGORITHM = "HmacSHA256";
    private static final String BOUNDARY_LABEL = "configservice/audit-legacy-boundary";
    private static final String CHECKPOINT_LABEL = "configservice/audit-retention-checkpoint";

    private final SecretKey key;

    ChainKey(SecretKey key) {
        this.key = key;
    }

    ChainLink link() {
        return ChainLink.hmacSha256(key);
    }

    /**
     * The MAC of a chain's legacy boundary: the last position sealed with plain SHA-256 and its
     * hash. Written when the key is created; a boundary that was moved, or a key that is not the
     * one that created it, no longer matches.
     */
    String boundaryMac(AuditChain chain, long legacySeq, String legacyHash) {
        return link().link(
                        legacyHash, BOUNDARY_LABEL + '\n' + chain.chainName() + '\n' + legacySeq);
    }

    boolean authenticates(AuditChain chain, AuditChainRepository.State state) {
        String mac = state.legacyMac();
        return mac != null
                && MessageDigest.isEqual(
                        mac.getBytes(StandardCharsets.US_ASCII),
                        boundaryMac(chain, state.legacySeq(), state.legacyHash())
                                .getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The MAC of a retention checkpoint: a changed checkpoint, or one not signed with this key, no
     * longer matches.
     */
    String checkpointMac(AuditChain chain, AuditCheckpoint checkpoint) {
        return link().link(
                        checkpoint.throughHash(),
                        CHECKPOINT_LABEL + '\n' + checkpoint.signedText(chain));
    }

    /** Whether the checkpoint is the one retention wrote; "no checkpoint" needs no signature. */
    boolean authenticates(AuditChain chain, AuditCheckpoint checkpoint) {
        return checkpoint.none()
                || MessageDigest.isEqual(
                        checkpoint.mac().getBytes(StandardCharsets.US_ASCII),
                        checkpointMac(chain, checkpoint).getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ChainKey[" + ALGORITHM + "]";
    }
}
