package io.configservice.audit;

import org.jspecify.annotations.Nullable;

/**
 * One walk along a chain's sealed rows in position order, stopping at the first row that does not fit: its position
 * must follow the previous one, it must link to the previous row's hash, and its hash must be the link of its own
 * content: plain SHA-256 up to the legacy boundary, HMAC-SHA256 under the chain key after it. The row at the boundary
 * must end with the hash recorded there, so re-chaining the legacy rows shows.
 */
final class ChainWalk {

    private final long legacySeq;
    private final String legacyHash;
    private final ChainLink legacyLink = ChainLink.legacySha256();
    private final ChainLink link;
    private long checked;
    private String prev = AuditChain.GENESIS_HASH;
    private @Nullable String brokenId;
    private @Nullable String problem;

    ChainWalk(long legacySeq, String legacyHash, ChainLink link) {
        this.legacySeq = legacySeq;
        this.legacyHash = legacyHash;
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
            broken(row, "the rows sealed before the chain key existed were re-chained: the last of them no longer "
                    + "ends with the hash recorded at the upgrade");
        } else {
            prev = row.hash();
            checked++;
        }
    }

    /** Rows that fit, in order, before the first that does not. */
    long checked() {
        return checked;
    }

    /** How many of the rows that fit were legacy rows. */
    long legacy() {
        return Math.min(checked, legacySeq);
    }

    /** The hash of the last row that fits (the genesis hash before any). */
    String lastHash() {
        return prev;
    }

    @Nullable String brokenId() {
        return brokenId;
    }

    @Nullable String problem() {
        return problem;
    }

    private void broken(AuditChainRepository.Row row, String why) {
        brokenId = row.id();
        problem = "row " + row.id() + ": " + why;
    }
}
