package io.configservice.configuration.effective;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of {@code effective_configurations} and {@code effective_configuration_changes}. */
@Repository
class EffectiveStore {

    private static final String COLUMNS =
            "service_id, environment, revision, generation, configuration_data, checksum, layers::text, updated_at";

    private final JdbcTemplate jdbc;

    EffectiveStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serializes every change of the service's effective configurations until the transaction ends
     * (a PostgreSQL advisory lock): own-document writes in any environment and environment changes
     * alike, so no revision is lost.
     */
    void lock(String serviceId) {
        jdbc.queryForObject(
                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) AS locked",
                Integer.class,
                "effective:" + serviceId);
    }

    Map<String, StoredEffective> findAll(String serviceId) {
        Map<String, StoredEffective> rows = new LinkedHashMap<>();
        jdbc.query(
                "SELECT " + COLUMNS + " FROM effective_configurations WHERE service_id = ?",
                rs -> {
                    StoredEffective row = row(rs);
                    rows.put(row.environment(), row);
                },
                serviceId);
        return rows;
    }

    Optional<StoredEffective> find(String serviceId, String environment) {
        return jdbc
                .query(
                        "SELECT "
                                + COLUMNS
                                + " FROM effective_configurations WHERE service_id = ? AND environment = ?",
                        (rs, n) -> row(rs),
                        serviceId,
                        environment)
                .stream()
                .findFirst();
    }

    List<String> findServiceIdsIn(Collection<String> environments) {
        return jdbc.queryForList(
                "SELECT DISTINCT service_id FROM effective_configurations WHERE environment = ANY(?)",
                String.class,
                (Object) environments.toArray(String[]::new));
    }

    void upsert(StoredEffective row) {
        jdbc.update(
                """
                INSERT INTO effective_configurations (service_id, environment, revision, generation, configuration_data,
                    checksum, layers, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                ON CONFLICT (service_id, environment) DO UPDATE SET revision = EXCLUDED.revision,
                    generation = EXCLUDED.generation, configuration_data = EXCLUDED.configuration_data,
                    checksum = EXCLUDED.checksum, layers = EXCLUDED.layers, updated_at = EXCLUDED.updated_at""",
                row.serviceId(),
                row.environment(),
                row.revision(),
                row.generation(),
                row.canonical(),
                row.checksum(),
                row.layers(),
                Timestamp.from(row.updatedAt()));
    }

    /** Logs a revision's change and removes those at or below {@code keepAbove}. */
    void appendChange(
            String serviceId,
            String environment,
            long revision,
            String changes,
            String cause,
            Instant createdAt,
            long keepAbove) {
        jdbc.update(
                """
                INSERT INTO effective_configuration_changes
                    (service_id, environment, revision, changes, cause, created_at)
                VALUES (?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?)""",
                serviceId,
                environment,
                revision,
                changes,
                cause,
                Timestamp.from(createdAt));
        if (keepAbove > 0) {
            jdbc.update(
                    "DELETE FROM effective_configuration_changes WHERE service_id = ? AND environment = ? "
                            + "AND revision <= ?",
                    serviceId,
                    environment,
                    keepAbove);
        }
    }

    @Nullable Long earliestChange(String serviceId, String environment) {
        return jdbc.queryForObject(
                "SELECT min(revision) FROM effective_configuration_changes "
                        + "WHERE service_id = ? AND environment = ?",
                Long.class,
                serviceId,
                environment);
    }

    /**
     * The logged changes after a revision, oldest first: revision, changes and cause as JSON,
     * created_at.
     */
    List<LoggedChange> changesAfter(
            String serviceId, String environment, long revision, int limit) {
        return jdbc.query(
                """
                SELECT revision, changes::text, cause::text, created_at FROM effective_configuration_changes
                WHERE service_id = ? AND environment = ? AND revision > ? ORDER BY revision LIMIT ?""",
                (rs, n) ->
                        new LoggedChange(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant()),
                serviceId,
                environment,
                revision,
                limit);
    }

    private static StoredEffective row(ResultSet rs) throws SQLException {
        return new StoredEffective(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant());
    }

    /** One row of the effective change log. */
    record LoggedChange(long revision, String changes, String cause, Instant createdAt) {}
}
