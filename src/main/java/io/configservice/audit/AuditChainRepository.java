package io.configservice.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Reads and seals the hash chains of the audit tables and their state (head and legacy boundary).
 */
@Repository
class AuditChainRepository {

    private final JdbcTemplate jdbc;

    AuditChainRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The cluster-wide sealing lock, held until the transaction ends; false when another replica
     * holds it.
     */
    boolean tryLockSealer() {
        return Boolean.TRUE.equals(
                jdbc.queryForObject(
                        "SELECT pg_try_advisory_xact_lock(hashtextextended('audit-sealer', 0))",
                        Boolean.class));
    }

    State state(AuditChain chain, boolean forUpdate) {
        return jdbc.queryForObject(
                "SELECT last_seq, last_hash, legacy_seq, legacy_hash, legacy_mac "
                        + "FROM audit_chain_state WHERE chain = ?"
                        + (forUpdate ? " FOR UPDATE" : ""),
                (rs, i) ->
                        new State(
                                rs.getLong("last_seq"),
                                rs.getString("last_hash"),
                                rs.getLong("legacy_seq"),
                                rs.getString("legacy_hash"),
                                rs.getString("legacy_mac")),
                chain.chainName());
    }

    /** Authenticates the chain's legacy boundary; called once, when the chain key is created. */
    void authenticateBoundary(AuditChain chain, String legacyMac) {
        jdbc.update(
                "UPDATE audit_chain_state SET legacy_mac = ? WHERE chain = ?",
                legacyMac,
                chain.chainName());
    }

    boolean anyUnsealed() {
        return Boolean.TRUE.equals(
                jdbc.queryForObject(
                        Arrays.stream(AuditChain.values())
                                .map(
                                        chain ->
                                                "EXISTS (SELECT 1 FROM "
                                                        + chain.table()
                                                        + " WHERE chain_seq IS NULL)")
                                .collect(Collectors.joining(" OR ", "SELECT ", "")),
                        Boolean.class));
    }

    List<Row> unsealed(AuditChain chain, int limit) {
        return jdbc.query(
                "SELECT id::text AS id, "
                        + chain.canonicalSql()
                        + " AS canonical FROM "
                        + chain.table()
                        + " WHERE chain_seq IS NULL ORDER BY "
                        + chain.sealOrder()
                        + " LIMIT ?",
                (rs, i) -> new Row(rs.getString("id"), rs.getString("canonical"), null, null, null),
                limit);
    }

    /**
     * The canonical text of rows not yet written, by id: {@code values} is a {@code VALUES} list of
     * the chain table's {@code columns} (the id and every column of the canonical form, typed as in
     * the table), so the text is the one the stored row will have.
     */
    Map<String, String> canonicalOfUnwritten(
            AuditChain chain, String columns, String values, PreparedStatementSetter bind) {
        Map<String, String> canonical = new HashMap<>();
        jdbc.query(
                "SELECT id::text AS id, "
                        + chain.canonicalSql()
                        + " AS canonical FROM (VALUES "
                        + values
                        + ") AS unwritten ("
                        + columns
                        + ")",
                bind,
                (RowCallbackHandler)
                        rs -> canonical.put(rs.getString("id"), rs.getString("canonical")));
        return canonical;
    }

    /** Seals rows already written; {@link #advance} records the new head. */
    void seal(AuditChain chain, List<Row> sealed) {
        jdbc.batchUpdate(
                "UPDATE "
                        + chain.table()
                        + " SET chain_seq = ?, prev_hash = ?, hash = ? WHERE id = CAST(? AS "
                        + chain.idType()
                        + ")",
                sealed,
                sealed.size(),
                (ps, row) -> {
                    ps.setLong(1, row.seq());
                    ps.setString(2, row.prevHash());
                    ps.setString(3, row.hash());
                    ps.setString(4, row.id());
                });
    }

    /** Moves the chain's head to its newest sealed row; under the state row's lock. */
    void advance(AuditChain chain, long lastSeq, String lastHash) {
        jdbc.update(
                "UPDATE audit_chain_state SET last_seq = ?, last_hash = ? WHERE chain = ?",
                lastSeq,
                lastHash,
                chain.chainName());
    }

    /** Streams the sealed rows in chain order. */
    void forEachSealed(AuditChain chain, Consumer<Row> consumer) {
        jdbc.query(
                "SELECT id::text AS id, "
                        + chain.canonicalSql()
                        + " AS canonical, chain_seq, prev_hash, hash FROM "
                        + chain.table()
                        + " WHERE chain_seq IS NOT NULL ORDER BY chain_seq",
                rs -> {
                    consumer.accept(
                            new Row(
                                    rs.getString("id"),
                                    rs.getString("canonical"),
                                    rs.getLong("chain_seq"),
                                    rs.getString("prev_hash"),
                                    rs.getString("hash")));
                });
    }

    /**
     * The chain's newest retention checkpoint, or {@link AuditCheckpoint#NONE} when nothing was
     * pruned.
     */
    AuditCheckpoint newestCheckpoint(AuditChain chain) {
        return jdbc
                .query(
                        "SELECT * FROM audit_checkpoint WHERE chain = ? ORDER BY id DESC LIMIT 1",
                        (rs, i) ->
                                new AuditCheckpoint(
                                        rs.getLong("id"),
                                        rs.getLong("through_seq"),
                                        rs.getString("through_hash"),
                                        rs.getLong("kept"),
                                        rs.getLong("pruned"),
                                        instant(rs.getTimestamp("first_at")),
                                        instant(rs.getTimestamp("last_at")),
                                        rs.getTimestamp("created_at").toInstant(),
                                        rs.getString("mac")),
                        chain.chainName())
                .stream()
                .findFirst()
                .orElse(AuditCheckpoint.NONE);
    }

    long countUnsealed(AuditChain chain) {
        Long count =
                jdbc.queryForObject(
                        "SELECT count(*) FROM " + chain.table() + " WHERE chain_seq IS NULL",
                        Long.class);
        return count == null ? 0 : count;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Where a chain ends (its last position and hash) and where its legacy part ends: rows up to
     * {@code legacySeq} were sealed with plain SHA-256 before the chain key existed, the last of
     * them with {@code legacyHash}; {@code legacyMac} authenticates that boundary under the chain
     * key ({@code null} until the key is created).
     */
    record State(
            long lastSeq,
            String lastHash,
            long legacySeq,
            String legacyHash,
            @Nullable String legacyMac) {}

    /** One audit row as the chain sees it. */
    record Row(
            String id,
            String canonical,
            @Nullable Long seq,
            @Nullable String prevHash,
            @Nullable String hash) {}
}
