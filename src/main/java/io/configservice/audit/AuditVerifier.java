package io.configservice.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Walks a chain in order and checks every sealed row: its position follows the previous one (a deleted or inserted
 * row leaves a gap or a duplicate), it links to the previous row's hash (a reordered row does not), and its hash is
 * the hash of its own content (an updated row's is not). The chain head must end where the rows end (a deleted tail).
 */
@Component
class AuditVerifier {

    private final AuditChainRepository chains;

    AuditVerifier(AuditChainRepository chains) {
        this.chains = chains;
    }

    ChainVerification verify(AuditChain chain) {
        AuditChainRepository.Head head = chains.head(chain, false);
        Walk walk = new Walk();
        chains.forEachSealed(chain, walk::visit);
        long unsealed = chains.countUnsealed(chain);
        if (walk.brokenId != null) {
            return new ChainVerification(chain.chainName(), false, walk.checked, walk.brokenId, walk.problem, unsealed);
        }
        if (head.lastSeq() > walk.checked || !head.lastHash().equals(walk.prev)) {
            return new ChainVerification(chain.chainName(), false, walk.checked, null,
                    "rows after position " + walk.checked + " of " + head.lastSeq() + " are missing", unsealed);
        }
        return new ChainVerification(chain.chainName(), true, walk.checked, null, null, unsealed);
    }

    /** The state of one walk along a chain. */
    private static final class Walk {

        private long checked;
        private String prev = AuditChain.GENESIS_HASH;
        private @Nullable String brokenId;
        private @Nullable String problem;

        void visit(AuditChainRepository.Row row) {
            if (brokenId != null) {
                return;
            }
            Long seq = row.seq();
            if (seq == null || seq != checked + 1) {
                broken(row, "position " + seq + " where " + (checked + 1) + " was expected");
            } else if (!prev.equals(row.prevHash())) {
                broken(row, "does not link to the row before it");
            } else if (!AuditChainRepository.link(prev, row.canonical()).equals(row.hash())) {
                broken(row, "content does not match its hash");
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
