package io.configservice.audit;

import org.jspecify.annotations.Nullable;

/**
 * One walk along a chain's sealed rows in position order, stopping at the first row that does not
 * fit: its position must follow the previous one, it must link to the previous row's hash, and its
 * hash must be the link of its own content: plain SHA-256 up to the legacy boundary, HMAC-SHA256
 * under the chain key after it. The row at the boundary must end with the hash recorded there, so
 * re-chaining the legacy rows shows. The walk starts after the retention checkpoint (position 0 and
 * the genesis hash when nothing was pruned): the rows still at or below it (kept by their longer
 * retention) have lost their neighbours, so each is checked on its own (its hash is the link of its
 * recorded previous hash and its content) and counted, for the verifier to compare with the
 * checkpoint.
 */
final class ChainWalk {

    private final long legacySeq;
    private final String legacyHash;
    private final ChainLink legacyLink = ChainLink.legacySha256();
    private final ChainLink link;
    private final long checkpointSeq;
    private long position;
    private long checked;
    private long legacy;
    private long kept;
    private String prev;
    private @Nullable String brokenId;
    private @Nullable String problem;

    ChainWalk(long legacySeq, String legacyHash, ChainLink link, AuditCheckpoint start) {
        this.legacySeq = legacySeq;
        this.legacyHash = legacyHash;
        this.link = link;
        this.checkpointSeq = start.throughSeq();
        this.position = start.throughSeq();
        this.prev = start.throughHash();
    }

    void visit(AuditChainRepository.Row row) {
        if (brokenId != null) {
            return;
        }
        Long seq = row.seq();
        if (seq != null && seq <= checkpointSeq) {
            visitKept(row, seq);
        } else if (seq == null || seq != position + 1) {
            broken(row, "position " + seq + " where " + (position + 1) + " was expected");
        } else if (!prev.equals(row.prevHash())) {
            broken(row, "does not link to the row before it");
        } else if (!linkOf(seq).link(prev, row.canonical()).equals(row.hash())) {
            broken(row, "content does not match its hash");
        } else if (seq == legacySeq && !legacyHash.equals(row.hash())) {
            broken(
                    row,
                    "the rows sealed before the chain key existed were re-chained: the last of them no longer "
                            + "ends with the hash recorded at the upgrade");
        } else {
            prev = row.hash();
            position = seq;
            fits(seq);
        }
    }

    private void visitKept(AuditChainRepository.Row row, long seq) {
        String recordedPrev = row.prevHash();
        if (recordedPrev == null
                || !linkOf(seq).link(recordedPrev, row.canonical()).equals(row.hash())) {
            broken(
                    row,
                    "content does not match its hash (a row kept below the retention checkpoint)");
        } else {
            kept++;
            fits(seq);
        }
    }

    private ChainLink linkOf(long seq) {
        return seq <= legacySeq ? legacyLink : link;
    }

    private void fits(long seq) {
        checked++;
        if (seq <= legacySeq) {
            legacy++;
        }
    }

    /** Rows that fit, in order, before the first that does not. */
    long checked() {
        return checked;
    }

    /** How many of the rows that fit were legacy rows. */
    long legacy() {
        return legacy;
    }

    /** How many of the rows that fit lie at or below the checkpoint. */
    long kept() {
        return kept;
    }

    /** The position of the last row that fits (the checkpoint's before any). */
    long position() {
        return position;
    }

    /** The hash of the last row that fits (the checkpoint's before any). */
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
