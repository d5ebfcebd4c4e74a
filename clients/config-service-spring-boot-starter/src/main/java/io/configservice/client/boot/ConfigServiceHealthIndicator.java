package io.configservice.client.boot;

import io.configservice.client.ClientHealth;
import io.configservice.client.ConfigServiceClient;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code UP} while the configuration comes live from the service, {@code STALE} while it comes from
 * the snapshot or the service is unreachable (changes may be missing), {@code DOWN} when there is
 * no configuration at all; details: revision, source, push connection, the last error and the beans
 * that kept old values at the last refresh.
 */
final class ConfigServiceHealthIndicator implements HealthIndicator {

    static final Status STALE =
            new Status("STALE", "Serving the snapshot, or the config service is unreachable");

    private final ConfigServiceClient client;
    private final ConfigServiceRefresher refresher;

    ConfigServiceHealthIndicator(ConfigServiceClient client, ConfigServiceRefresher refresher) {
        this.client = client;
        this.refresher = refresher;
    }

    @Override
    public Health health() {
        ClientHealth health = client.health();
        Health.Builder builder =
                switch (health.status()) {
                    case UP -> Health.up();
                    case STALE -> Health.status(STALE);
                    case DOWN -> Health.down();
                };
        builder.withDetail("serviceId", client.settings().serviceId())
                .withDetail("environment", client.settings().environment())
                .withDetail("revision", health.appliedRevision())
                .withDetail("source", health.fromSnapshot() ? "snapshot" : "service")
                .withDetail("pushConnected", health.pushConnected());
        if (health.lastError() != null) {
            builder.withDetail("lastError", health.lastError());
        }
        if (!refresher.lastFailures().isEmpty()) {
            builder.withDetail("beansKeepingOldValues", refresher.lastFailures());
        }
        return builder.build();
    }
}
