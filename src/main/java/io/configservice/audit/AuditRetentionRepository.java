package io.configservice.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Deletes old access-log rows for retention, a bounded batch per call: configuration reads by age;
 * the credential chain's prefix by position, together with its signed checkpoint.
 */
@Repository
class AuditRetentionRepository {

    /**
     * The credential operations that only read: pruned at the access retention, the others at their
     * own.
     */
    static final List<String> CREDENTIAL_READS = List.of("RETRIEVE", "LIST_VERSIONS");

    private static final String CHAIN_ROW =
            "SELECT id::text AS id, "
                    + AuditChain.CREDENTIAL.canonicalSql()
                    + " AS canonical, chain_seq, prev_hash, hash, accessed_at, operation FROM credential_access_log ";

    private final JdbcTemplate jdbc;

    AuditRetentionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The credential chain's retention lock, held until the transaction ends; false when another
     * replica holds it.
     */
    boolean tryLockCredentialChain() {
        return Boolean.TRUE.equals(
                jdbc.queryForObject(
                        "SELECT pg_try_advisory_xact_lock(hashtextextended('audit-retention:credential-access', 0))",
                        Boolean.class));
    }

    /** Deletes up to {@code limit} configuration reads older than {@code cutoff}, oldest first. */
    int deleteConfigurationAccess(Instant cutoff, int limit) {
        return jdbc.update(
                """
                DELETE FROM configuration_access_log WHERE id IN (
                    SELECT id FROM configuration_access_log WHERE accessed_at < ? ORDER BY accessed_at LIMIT ?)""",
                Timestamp.from(cutoff),
                limit);
    }

    /** Sealed credential rows after a position, in chain order. */
    List<ChainRow> chainRowsAfter(long seq, int limit) {
        return jdbc.query(
                CHAIN_ROW + "WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?",
                this::chainRow,
                seq,
                limit);
    }

    /**
     * Rows kept at or below a checkpoint (changes and admin actions) that are now older than their
     * retention.
     */
    List<ChainRow> keptRowsOlderThan(long throughSeq, Instant cutoff, int limit) {
        return jdbc.query(
                CHAIN_ROW + "WHERE chain_seq <= ? AND accessed_at < ? ORDER BY chain_seq LIMIT ?",
                this::chainRow,
                throughSeq,
                Timestamp.from(cutoff),
                limit);
    }

    /** Deletes credential rows by id; returns how many there were. */
    int deleteCredentialRows(List<String> ids) {
        return jdbc.update(
                connection -> {
                    var ps =
                            connection.prepareStatement(
                                    "DELETE FROM credential_access_log WHERE id = ANY(?::uuid[])");
                    ps.setArray(1, connection.createArrayOf("text", ids.toArray()));
                    return ps;
                });
    }

    long nextCheckpointId() {
        return Objects.requireNonNull(
                jdbc.queryForObject("SELECT nextval('audit_checkpoint_id_seq')", Long.class));
    }

    void insertCheckpoint(AuditChain chain, AuditCheckpoint checkpoint) {
        jdbc.update(
                """
                INSERT INTO audit_checkpoint
                    (id, chain, through_seq, through_hash, kept, pruned, first_at, last_at, created_at, mac)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                checkpoint.id(),
                chain.chainName(),
                checkpoint.throughSeq(),
                checkpoint.throughHash(),
                checkpoint.kept(),
                checkpoint.pruned(),
                timestamp(checkpoint.firstAt()),
                timestamp(checkpoint.lastAt()),
                Timestamp.from(checkpoint.createdAt()),
                checkpoint.mac());
    }

    private ChainRow chainRow(ResultSet rs, int i) throws SQLException {
        Timestamp at = rs.getTimestamp("accessed_at");
        return new ChainRow(
                new AuditChainRepository.Row(
                        rs.getString("id"),
                        rs.getString("canonical"),
                        rs.getLong("chain_seq"),
                        rs.getString("prev_hash"),
                        rs.getString("hash")),
                at == null ? null : at.toInstant(),
                CREDENTIAL_READS.contains(rs.getString("operation")));
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /**
     * A sealed credential row with what retention decides by: its time and whether it only read.
     */
    record ChainRow(AuditChainRepository.Row row, @Nullable Instant accessedAt, boolean read) {

        boolean olderThan(Instant cutoff) {
            return accessedAt != null && accessedAt.isBefore(cutoff);
        }
    }
}
