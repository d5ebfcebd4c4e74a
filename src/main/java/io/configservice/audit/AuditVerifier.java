package io.configservice.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Walks a chain in order and checks every sealed row: its position follows the previous one (a deleted or inserted
 * row leaves a gap or a duplicate), it links to the previous row's hash (a reordered row does not), and its hash is
 * the HMAC of its own content under the chain key (an updated row's is not, and without the key nobody can re-chain
 * the rows after it). Rows up to the chain's legacy boundary were sealed before the chain key existed and are checked
 * with plain SHA-256; the boundary itself (its position and last hash) must be authenticated by the chain key, so
 * re-chaining legacy rows shows at the boundary. The chain head must end where the rows end (a deleted tail).
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
            return new ChainVerification(chain.chainName(), false, 0, null, "the legacy boundary at position "
                    + state.legacySeq() + " is not authenticated by the audit chain key", unsealed, 0);
        }
        Walk walk = new Walk(state, key.link());
        chains.forEachSealed(chain, walk::visit);
        long legacy = Math.min(walk.checked, state.legacySeq());
        if (walk.brokenId != null) {
            return new ChainVerification(chain.chainName(), false, walk.checked, walk.brokenId, walk.problem, unsealed,
                    legacy);
        }
        if (state.lastSeq() > walk.checked || !state.lastHash().equals(walk.prev) || walk.checked < state.legacySeq()) {
            return new ChainVerification(chain.chainName(), false, walk.checked, null, "rows after position "
                    + walk.checked + " of " + Math.max(state.lastSeq(), state.legacySeq()) + " are missing", unsealed,
                    legacy);
        }
        return new ChainVerification(chain.chainName(), true, walk.checked, null, null, unsealed, legacy);
    }

    /** The state of one walk along a chain. */
    private static final class Walk {

        private final long legacySeq;
        private final String legacyHash;
        private final ChainLink legacyLink = ChainLink.legacySha256();
        private final ChainLink link;
        private long checked;
        private String prev = AuditChain.GENESIS_HASH;
        private @Nullable String brokenId;
        private @Nullable String problem;

        Walk(AuditChainRepository.State state, ChainLink link) {
            this.legacySeq = state.legacySeq();
            this.legacyHash = state.legacyHash();
            this.link = link;
        }

        void visit(AuditChainRepository.Row row) {
            if (brokenId != null) {
                return;
            }
            Long seq = row.seq();
            if (seq == null || seq != checked + 1) {
                broken(row, "position " + seq + " where " + (checked + 1) + " was expected");
            } else if (!prev.equals(row.prevHash())) {
                broken(row, "does not link to the row before it");
            } else if (!(seq <= legacySeq ? legacyLink : link).link(prev, row.canonical()).equals(row.hash())) {
                broken(row, "content does not match its hash");
            } else if (seq == legacySeq && !legacyHash.equals(row.hash())) {
                broken(row, "the rows sealed before the chain key existed were re-chained: the last of them no "
                        + "longer ends with the hash recorded at the upgrade");
            } else {
                prev = row.hash();
                checked++;
            }
        }

        private void broken(AuditChainRepository.Row row, String why) {
            brokenId = row.id();
            problem = "row " + row.id() + ": " + why;
        }
    }
}
