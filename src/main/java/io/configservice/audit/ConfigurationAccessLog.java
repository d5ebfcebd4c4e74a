package io.configservice.audit;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Appends configuration reads to {@code configuration_access_log}, many rows per statement batch. */
@Repository
class ConfigurationAccessLog {

    private static final int MAX_USER_AGENT = 512;

    private final JdbcTemplate jdbc;

    ConfigurationAccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insertAll(List<ConfigurationAccess> accesses) {
        jdbc.batchUpdate("""
                INSERT INTO configuration_access_log
                    (service_id, environment, version, key_path, actor, ip_address, user_agent, cached, accessed_at)
                VALUES (?, ?, ?, ?, ?, ?::inet, ?, ?, ?)""", accesses, accesses.size(), (ps, access) -> {
            ps.setString(1, access.serviceId());
            ps.setString(2, access.environment());
            if (access.version() == null) {
                ps.setNull(3, Types.INTEGER);
            } else {
                ps.setInt(3, access.version());
            }
            ps.setString(4, access.keyPath());
            ps.setString(5, access.actor());
            ps.setString(6, access.ipAddress());
            String userAgent = access.userAgent();
            ps.setString(7, userAgent == null || userAgent.length() <= MAX_USER_AGENT
                    ? userAgent : userAgent.substring(0, MAX_USER_AGENT));
            ps.setBoolean(8, access.cached());
            ps.setTimestamp(9, Timestamp.from(access.accessedAt()));
        });
    }
}
