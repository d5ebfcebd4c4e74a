package io.configservice.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes configuration audit rows and pages through both audit tables with the API's filters,
 * newest first.
 */
@Repository
class AuditQueries {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    AuditQueries(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insertConfigurationAudit(
            String serviceId,
            String environment,
            int version,
            String operation,
            @Nullable String actor,
            List<String> changedKeys,
            @Nullable String reason,
            Instant occurredAt) {
        jdbc.update(
                connection -> {
                    var ps =
                            connection.prepareStatement(
                                    """
                    INSERT INTO configuration_audit
                        (service_id, environment, version, operation, actor, changed_keys, reason, occurred_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
                    ps.setString(1, serviceId);
                    ps.setString(2, environment);
                    ps.setInt(3, version);
                    ps.setString(4, operation);
                    ps.setString(5, actor);
                    ps.setArray(6, connection.createArrayOf("text", changedKeys.toArray()));
                    ps.setString(7, reason);
                    ps.setTimestamp(8, Timestamp.from(occurredAt));
                    return ps;
                });
    }

    List<ConfigurationAuditEntry> configurationEntries(
            AuditFilter filter, @Nullable Long beforeId, int limit) {
        Where where =
                where(filter, "service_id", "environment", "actor", "operation", "occurred_at");
        if (beforeId != null) {
            where.add("id < ?", beforeId);
        }
        return jdbc.query(
                "SELECT * FROM configuration_audit" + where.sql() + " ORDER BY id DESC LIMIT ?",
                (rs, i) ->
                        new ConfigurationAuditEntry(
                                rs.getLong("id"),
                                rs.getString("service_id"),
                                rs.getString("environment"),
                                rs.getInt("version"),
                                rs.getString("operation"),
                                rs.getString("actor"),
                                strings(rs.getArray("changed_keys")),
                                rs.getString("reason"),
                                rs.getTimestamp("occurred_at").toInstant(),
                                nullableLong(rs, "chain_seq"),
                                rs.getString("hash")),
                where.args(limit));
    }

    List<CredentialAuditEntry> credentialEntries(
            AuditFilter filter, @Nullable Cursor before, int limit) {
        Where where = where(filter, "service_id", null, "user_id", "operation", "accessed_at");
        if (before != null) {
            where.add(
                    "(accessed_at, id) < (?, CAST(? AS uuid))",
                    Timestamp.from(before.at()),
                    before.id());
        }
        return jdbc.query(
                "SELECT *, host(ip_address) AS ip FROM credential_access_log"
                        + where.sql()
                        + " ORDER BY accessed_at DESC, id DESC LIMIT ?",
                this::credentialEntry,
                where.args(limit));
    }

    /**
     * Credential rows with {@code after <= accessed_at < before}, oldest first, after the cursor.
     */
    List<CredentialAuditEntry> credentialExport(
            @Nullable Instant after, Instant before, @Nullable Cursor cursor, int limit) {
        Where where = exportWhere(after, before, cursor, "uuid");
        return jdbc.query(
                "SELECT *, host(ip_address) AS ip FROM credential_access_log"
                        + where.sql()
                        + " ORDER BY accessed_at, id LIMIT ?",
                this::credentialEntry,
                where.args(limit));
    }

    /**
     * Configuration reads with {@code after <= accessed_at < before}, oldest first, after the
     * cursor.
     */
    List<ConfigurationAccessEntry> configurationAccessExport(
            @Nullable Instant after, Instant before, @Nullable Cursor cursor, int limit) {
        Where where = exportWhere(after, before, cursor, "bigint");
        return jdbc.query(
                "SELECT *, host(ip_address) AS ip FROM configuration_access_log"
                        + where.sql()
                        + " ORDER BY accessed_at, id LIMIT ?",
                (rs, i) ->
                        new ConfigurationAccessEntry(
                                rs.getLong("id"),
                                rs.getString("service_id"),
                                rs.getString("environment"),
                                (Integer) rs.getObject("version"),
                                rs.getString("key_path"),
                                rs.getString("actor"),
                                rs.getString("ip"),
                                rs.getString("user_agent"),
                                rs.getBoolean("cached"),
                                rs.getTimestamp("accessed_at").toInstant()),
                where.args(limit));
    }

    private static Where exportWhere(
            @Nullable Instant after, Instant before, @Nullable Cursor cursor, String idType) {
        Where where = new Where();
        where.add("accessed_at < ?", Timestamp.from(before));
        if (after != null) {
            where.add("accessed_at >= ?", Timestamp.from(after));
        }
        if (cursor != null) {
            where.add(
                    "(accessed_at, id) > (?, CAST(? AS " + idType + "))",
                    Timestamp.from(cursor.at()),
                    cursor.id());
        }
        return where;
    }

    private CredentialAuditEntry credentialEntry(ResultSet rs, int i) throws SQLException {
        return new CredentialAuditEntry(
                rs.getString("id"),
                rs.getString("credential_id"),
                rs.getString("credential_key"),
                rs.getString("operation"),
                rs.getString("user_id"),
                rs.getString("service_id"),
                rs.getString("ip"),
                rs.getString("user_agent"),
                rs.getBoolean("access_granted"),
                rs.getString("access_reason"),
                rs.getString("failure_reason"),
                instant(rs.getTimestamp("accessed_at")),
                (Integer) rs.getObject("duration_ms"),
                details(rs.getString("metadata")),
                nullableLong(rs, "chain_seq"),
                rs.getString("hash"));
    }

    private static Where where(
            AuditFilter filter,
            String serviceColumn,
            @Nullable String environmentColumn,
            String actorColumn,
            String operationColumn,
            String timeColumn) {
        Where where = new Where();
        if (filter.serviceId() != null) {
            where.add(serviceColumn + " = ?", filter.serviceId());
        }
        if (filter.environment() != null && environmentColumn != null) {
            where.add(environmentColumn + " = ?", filter.environment());
        }
        if (filter.actor() != null) {
            where.add(actorColumn + " = ?", filter.actor());
        }
        if (filter.operation() != null) {
            where.add(operationColumn + " = ?", filter.operation());
        }
        if (filter.from() != null) {
            where.add(timeColumn + " >= ?", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.add(timeColumn + " < ?", Timestamp.from(filter.to()));
        }
        return where;
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null
                ? List.of()
                : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private Map<String, Object> details(@Nullable String metadata) {
        return metadata == null ? Map.of() : json.readValue(metadata, DETAILS);
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Where a page ends: the time and id of its last row. */
    record Cursor(Instant at, String id) {}

    /** Conditions and their arguments, in order. */
    private static final class Where {

        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        void add(String condition, Object... values) {
            conditions.add(condition);
            args.addAll(Arrays.asList(values));
        }

        String sql() {
            return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        }

        Object[] args(int limit) {
            List<Object> all = new ArrayList<>(args);
            all.add(limit);
            return all.toArray();
        }
    }
}
