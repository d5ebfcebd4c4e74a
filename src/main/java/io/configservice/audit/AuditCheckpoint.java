package io.configservice.audit;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a chain's pruned prefix ends, written by retention in the transaction that deletes the
 * prefix and signed with the audit chain key: verification starts after {@code throughSeq} from
 * {@code throughHash}.
 *
 * @param throughSeq the position of the prefix's last row
 * @param throughHash that row's hash
 * @param kept rows at or below {@code throughSeq} that are still there (credential changes and
 *     admin actions younger than their own retention)
 * @param pruned rows deleted from the chain by retention up to now, in total
 * @param firstAt the oldest row deleted in the batch that wrote this checkpoint ({@code null} when
 *     it deleted none and only moved past kept rows)
 * @param lastAt the newest row deleted in that batch
 * @param mac the HMAC-SHA256 of all of the above, the id and the chain under the chain key
 */
record AuditCheckpoint(
        long id,
        long throughSeq,
        String throughHash,
        long kept,
        long pruned,
        @Nullable Instant firstAt,
        @Nullable Instant lastAt,
        Instant createdAt,
        String mac) {

    /** Where verification starts when nothing was pruned yet: position 0 with the genesis hash. */
    static final AuditCheckpoint NONE =
            new AuditCheckpoint(0, 0, AuditChain.GENESIS_HASH, 0, 0, null, null, Instant.EPOCH, "");

    boolean none() {
        return id == 0;
    }

    /** The text the MAC covers, one field a line. */
    String signedText(AuditChain chain) {
        return String.join(
                "\n",
                chain.chainName(),
                Long.toString(id),
                Long.toString(throughSeq),
                throughHash,
                Long.toString(kept),
                Long.toString(pruned),
                Objects.toString(firstAt, "␀"),
                Objects.toString(lastAt, "␀"),
                createdAt.toString());
    }
}
