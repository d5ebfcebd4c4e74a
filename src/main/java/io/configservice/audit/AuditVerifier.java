package io.configservice.audit;

import org.springframework.stereotype.Component;

/**
 * Checks a chain: its legacy boundary and its newest retention checkpoint must be authenticated by
 * the chain key, then a {@link ChainWalk} checks every sealed row after the checkpoint: its
 * position follows the previous one (a deleted or inserted row leaves a gap or a duplicate), it
 * links to the previous row's hash (a reordered row does not), and its hash is the HMAC of its own
 * content under the chain key (an updated row's is not, and without the key nobody can re-chain the
 * rows after it; rows up to the legacy boundary are checked with plain SHA-256 and must end with
 * the hash recorded there). Rows kept below the checkpoint are checked one by one and must be as
 * many as it records. The chain head must end where the rows end (a deleted tail). Rows deleted
 * without a checkpoint leave a gap; a deleted newest checkpoint leaves the rows it pruned missing
 * after the previous one.
 */
@Component
class AuditVerifier {

    private final AuditChainRepository chains;

    AuditVerifier(AuditChainRepository chains) {
        this.chains = chains;
    }

    ChainVerification verify(AuditChain chain, ChainKey key) {
        AuditChainRepository.State state = chains.state(chain, false);
        long unsealed = chains.countUnsealed(chain);
        if (!key.authenticates(chain, state)) {
            return new ChainVerification(
                    chain.chainName(),
                    false,
                    0,
                    null,
                    "the legacy boundary at position "
                            + state.legacySeq()
                            + " is not authenticated by the audit chain key",
                    unsealed,
                    0,
                    0);
        }
        AuditCheckpoint checkpoint = chains.newestCheckpoint(chain);
        if (!key.authenticates(chain, checkpoint)) {
            return new ChainVerification(
                    chain.chainName(),
                    false,
                    0,
                    null,
                    "the retention checkpoint "
                            + checkpoint.id()
                            + " is not authenticated by the audit chain key",
                    unsealed,
                    0,
                    checkpoint.pruned());
        }
        ChainWalk walk =
                new ChainWalk(state.legacySeq(), state.legacyHash(), key.link(), checkpoint);
        chains.forEachSealed(chain, walk::visit);
        if (walk.brokenId() != null) {
            return new ChainVerification(
                    chain.chainName(),
                    false,
                    walk.checked(),
                    walk.brokenId(),
                    walk.problem(),
                    unsealed,
                    walk.legacy(),
                    checkpoint.pruned());
        }
        if (walk.kept() != checkpoint.kept()) {
            return new ChainVerification(
                    chain.chainName(),
                    false,
                    walk.checked(),
                    null,
                    walk.kept()
                            + " rows "
                            + "below the retention checkpoint at position "
                            + checkpoint.throughSeq()
                            + " where it records "
                            + checkpoint.kept(),
                    unsealed,
                    walk.legacy(),
                    checkpoint.pruned());
        }
        if (state.lastSeq() > walk.position()
                || !state.lastHash().equals(walk.lastHash())
                || walk.position() < state.legacySeq()) {
            return new ChainVerification(
                    chain.chainName(),
                    false,
                    walk.checked(),
                    null,
                    "rows after position "
                            + walk.position()
                            + " of "
                            + Math.max(state.lastSeq(), state.legacySeq())
                            + " are missing",
                    unsealed,
                    walk.legacy(),
                    checkpoint.pruned());
        }
        return new ChainVerification(
                chain.chainName(),
                true,
                walk.checked(),
                null,
                null,
                unsealed,
                walk.legacy(),
                checkpoint.pruned());
    }
}
