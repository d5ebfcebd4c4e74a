package io.configservice.configuration.effective;

import io.configservice.events.Destinations;
import io.configservice.events.PushEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An environment changed (created, redefined or deleted) and these services' effective
 * configurations in these environments changed with it. Published inside the environment change's
 * transaction.
 */
public record EnvironmentUpdated(
        String environment, @Nullable String changedBy, List<AffectedConfiguration> affected)
        implements PushEvent {

    @Override
    public String destination() {
        return Destinations.ENVIRONMENTS;
    }

    @Override
    public String type() {
        return "environment_updated";
    }

    /**
     * None: each event names the configurations its own change altered, which a later change of the
     * environment need not repeat, so no event makes an earlier one obsolete.
     */
    @Override
    public @Nullable String subject() {
        return null;
    }

    /**
     * Which effective configurations the change altered (each also gets its own {@code
     * configuration_changed}).
     */
    @Override
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("environment", environment);
        data.put("changedBy", changedBy);
        data.put("affected", affected);
        return data;
    }

    /**
     * The environment change carries no time of its own: it is stamped when the outbox writes it.
     */
    @Override
    public @Nullable Instant occurredAt() {
        return null;
    }

    /** One service whose effective configuration in one environment changed. */
    public record AffectedConfiguration(String serviceId, String environment) {}
}
