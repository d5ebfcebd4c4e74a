package io.configservice.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The actuator's {@code db} indicator (part of {@code /actuator/health} and the readiness probe),
 * answered from {@link HealthService}'s shared round of checks. Boot's own indicator, which queries
 * PostgreSQL on every call of the unauthenticated endpoint, is turned off ({@code
 * management.health.db.enabled: false}).
 */
@Component("dbHealthIndicator")
class DatabaseReadinessIndicator implements HealthIndicator {

    private final HealthService healthService;

    DatabaseReadinessIndicator(HealthService healthService) {
        this.healthService = healthService;
    }

    @Override
    public Health health() {
        return healthService
                .component(DatabaseHealthCheck.NAME)
                .filter(ComponentHealth::serving)
                .map(database -> Health.up().build())
                .orElseGet(() -> Health.down().build());
    }
}
