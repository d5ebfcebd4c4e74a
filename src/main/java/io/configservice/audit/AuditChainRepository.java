package io.configservice.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads and seals the hash chains of the audit tables. */
@Repository
class AuditChainRepository {

    private final JdbcTemplate jdbc;

    AuditChainRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The cluster-wide sealing lock, held until the transaction ends; false when another replica holds it. */
    boolean tryLockSealer() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT pg_try_advisory_xact_lock(hashtextextended('audit-sealer', 0))", Boolean.class));
    }

    Head head(AuditChain chain, boolean forUpdate) {
        return jdbc.queryForObject("SELECT last_seq, last_hash FROM audit_chain_heads WHERE chain = ?"
                        + (forUpdate ? " FOR UPDATE" : ""),
                (rs, i) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")), chain.chainName());
    }

    List<Row> unsealed(AuditChain chain, int limit) {
        return jdbc.query("SELECT id::text AS id, " + chain.canonicalSql() + " AS canonical FROM " + chain.table()
                        + " WHERE chain_seq IS NULL ORDER BY " + chain.sealOrder() + " LIMIT ?",
                (rs, i) -> new Row(rs.getString("id"), rs.getString("canonical"), null, null, null), limit);
    }

    void seal(AuditChain chain, List<Row> sealed, Head newHead) {
        jdbc.batchUpdate("UPDATE " + chain.table() + " SET chain_seq = ?, prev_hash = ?, hash = ? WHERE id = CAST(? AS "
                + chain.idType() + ")", sealed, sealed.size(), (ps, row) -> {
                    ps.setLong(1, row.seq());
                    ps.setString(2, row.prevHash());
                    ps.setString(3, row.hash());
                    ps.setString(4, row.id());
                });
        jdbc.update("UPDATE audit_chain_heads SET last_seq = ?, last_hash = ? WHERE chain = ?", newHead.lastSeq(),
                newHead.lastHash(), chain.chainName());
    }

    /** Streams the sealed rows in chain order. */
    void forEachSealed(AuditChain chain, Consumer<Row> consumer) {
        jdbc.query("SELECT id::text AS id, " + chain.canonicalSql() + " AS canonical, chain_seq, prev_hash, hash FROM "
                + chain.table() + " WHERE chain_seq IS NOT NULL ORDER BY chain_seq", rs -> {
                    consumer.accept(new Row(rs.getString("id"), rs.getString("canonical"), rs.getLong("chain_seq"),
                            rs.getString("prev_hash"), rs.getString("hash")));
                });
    }

    long countUnsealed(AuditChain chain) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + chain.table() + " WHERE chain_seq IS NULL",
                Long.class);
        return count == null ? 0 : count;
    }

    static String link(String prevHash, String canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Where a chain ends: its last position and hash. */
    record Head(long lastSeq, String lastHash) {
    }

    /** One audit row as the chain sees it. */
    record Row(String id, String canonical, @Nullable Long seq, @Nullable String prevHash, @Nullable String hash) {
    }
}
