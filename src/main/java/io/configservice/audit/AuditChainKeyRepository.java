package io.configservice.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The one row of {@code audit_chain_key}: the chain key wrapped by the key encryption key, never the key itself. */
@Repository
class AuditChainKeyRepository {

    private final JdbcTemplate jdbc;

    AuditChainKeyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredKey> find() {
        return jdbc.query("SELECT wrapped_key, kek_id, kek_version FROM audit_chain_key WHERE id = 1",
                (rs, i) -> new StoredKey(rs.getString("wrapped_key"), rs.getString("kek_id"),
                        rs.getInt("kek_version"))).stream().findFirst();
    }

    /** @return whether this call stored the key (first writer wins; a concurrent writer's commit is waited for) */
    boolean insertIfAbsent(StoredKey key, Instant createdAt) {
        return jdbc.update("""
                INSERT INTO audit_chain_key (id, wrapped_key, kek_id, kek_version, created_at) VALUES (1, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""", key.wrappedKey(), key.kekId(), key.kekVersion(),
                Timestamp.from(createdAt)) == 1;
    }

    /** Replaces the wrapped key only if it is still the one that was rewrapped. */
    boolean replace(String previous, String wrappedKey, int kekVersion) {
        return jdbc.update("""
                UPDATE audit_chain_key SET wrapped_key = ?, kek_version = ? WHERE id = 1 AND wrapped_key = ?""",
                wrappedKey, kekVersion, previous) == 1;
    }

    /** The chain key wrapped by a key encryption key (its id and the version that wrapped it). */
    record StoredKey(String wrappedKey, String kekId, int kekVersion) {

        @Override
        public String toString() {
            return "StoredKey[kekId=" + kekId + ", kekVersion=" + kekVersion + "]";
        }
    }
}
