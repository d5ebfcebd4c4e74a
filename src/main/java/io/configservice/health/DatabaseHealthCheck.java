package io.configservice.health;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reports whether PostgreSQL answers a trivial query. */
@Component
class DatabaseHealthCheck implements DependencyCheck {

    static final String NAME = "database";

    private final JdbcTemplate jdbc;

    DatabaseHealthCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ComponentHealth check() {
        long start = System.nanoTime();
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            return ComponentHealth.healthy(NAME, "postgresql", elapsedMillis(start));
        } catch (RuntimeException e) {
            return ComponentHealth.unhealthy(
                    NAME, "postgresql", elapsedMillis(start), "PostgreSQL unreachable");
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
