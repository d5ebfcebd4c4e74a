package io.configservice.configuration.history;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of retention: one statement per environment removes doomed versions together with their
 * history rows.
 */
@Repository
class ConfigurationPruning {

    private final JdbcTemplate jdbc;

    ConfigurationPruning(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes every version of the environment that is not the newest of its configuration, not
     * among the newest {@code maxVersions} (when set) and older than {@code maxAgeDays} (when set),
     * and not the base version of a pending change request.
     */
    int prune(String environment, @Nullable Integer maxVersions, @Nullable Integer maxAgeDays) {
        Integer deleted =
                jdbc.queryForObject(
                        """
                WITH ranked AS (
                    SELECT service_id, environment, version, created_at,
                           row_number() OVER (PARTITION BY service_id ORDER BY version DESC) AS rank
                    FROM service_configurations WHERE environment = ?),
                doomed AS (
                    SELECT service_id, environment, version FROM ranked
                    WHERE rank > 1
                      AND (CAST(? AS integer) IS NULL OR rank > CAST(? AS integer))
                      AND (CAST(? AS integer) IS NULL OR created_at < now() - make_interval(days => CAST(? AS integer)))
                      AND NOT EXISTS (
                          SELECT 1 FROM change_approvals a
                          WHERE a.status = 'PENDING' AND a.service_id = ranked.service_id
                            AND a.environment = ranked.environment AND a.base_version = ranked.version)),
                history AS (
                    DELETE FROM configuration_history h USING doomed d
                    WHERE h.service_id = d.service_id AND h.environment = d.environment AND h.version = d.version),
                versions AS (
                    DELETE FROM service_configurations c USING doomed d
                    WHERE c.service_id = d.service_id AND c.environment = d.environment AND c.version = d.version
                    RETURNING 1)
                SELECT count(*) FROM versions""",
                        Integer.class,
                        environment,
                        maxVersions,
                        maxVersions,
                        maxAgeDays,
                        maxAgeDays);
        return deleted == null ? 0 : deleted;
    }
}
