package io.configservice.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Appends configuration reads to {@code configuration_access_log}: a whole batch in one statement
 * over arrays, which costs PostgreSQL far less per row than a batch of single-row inserts.
 */
@Repository
class ConfigurationAccessLog {

    private static final int MAX_USER_AGENT = 512;
    private static final String INSERT =
            """
            INSERT INTO configuration_access_log
                (service_id, environment, version, key_path, actor, ip_address, user_agent, cached, accessed_at)
            SELECT service_id, environment, version, key_path, actor, ip_address::inet, user_agent, cached, accessed_at
            FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::text[], ?::varchar[], ?::text[], ?::text[],
                        ?::boolean[], ?::timestamptz[])
                AS t(service_id, environment, version, key_path, actor, ip_address, user_agent, cached, accessed_at)""";

    private final JdbcTemplate jdbc;

    ConfigurationAccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insertAll(List<ConfigurationAccess> accesses) {
        jdbc.update(
                INSERT,
                ps -> {
                    Connection connection = ps.getConnection();
                    ps.setArray(1, texts(connection, accesses, ConfigurationAccess::serviceId));
                    ps.setArray(2, texts(connection, accesses, ConfigurationAccess::environment));
                    ps.setArray(
                            3,
                            connection.createArrayOf(
                                    "int4",
                                    accesses.stream()
                                            .map(ConfigurationAccess::version)
                                            .toArray(Integer[]::new)));
                    ps.setArray(4, texts(connection, accesses, ConfigurationAccess::keyPath));
                    ps.setArray(5, texts(connection, accesses, ConfigurationAccess::actor));
                    ps.setArray(6, texts(connection, accesses, ConfigurationAccess::ipAddress));
                    ps.setArray(
                            7, texts(connection, accesses, access -> truncate(access.userAgent())));
                    ps.setArray(
                            8,
                            connection.createArrayOf(
                                    "bool",
                                    accesses.stream()
                                            .map(ConfigurationAccess::cached)
                                            .toArray(Boolean[]::new)));
                    ps.setArray(
                            9,
                            texts(connection, accesses, access -> access.accessedAt().toString()));
                });
    }

    private static Array texts(
            Connection connection,
            List<ConfigurationAccess> accesses,
            Function<ConfigurationAccess, @Nullable String> column)
            throws SQLException {
        return connection.createArrayOf(
                "text", accesses.stream().map(column).toArray(String[]::new));
    }

    private static @Nullable String truncate(@Nullable String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT
                ? userAgent
                : userAgent.substring(0, MAX_USER_AGENT);
    }
}
