package io.configservice.configuration.effective;

import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.events.Destinations;
import io.configservice.events.PushEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The effective configuration of a service in an environment changed content and got a new
 * revision; published inside the transaction of the change that caused it, once per affected
 * environment.
 *
 * @param version the service's own document version in this environment, when it has one
 */
public record EffectiveConfigurationChanged(
        String serviceId,
        String environment,
        long revision,
        @Nullable Integer version,
        EffectiveCause cause,
        List<ConfigurationChange> changes,
        Instant changedAt)
        implements PushEvent {

    @Override
    public String destination() {
        return Destinations.config(serviceId, environment);
    }

    @Override
    public String type() {
        return "configuration_changed";
    }

    /**
     * The effective configuration of this service in this environment: a client that receives a
     * later revision than the one after its own sees the gap and catches up from the change feed
     * (or reads it again), so a newer event supersedes an older one it missed.
     */
    @Override
    public String subject() {
        return serviceId + "." + environment;
    }

    /**
     * The effective diff, the new revision, the cause, and the environment's own document version
     * where it has one.
     */
    @Override
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceId", serviceId);
        data.put("environment", environment);
        data.put("revision", revision);
        if (version != null) {
            data.put("version", version);
        }
        if (cause.changeType() != null) {
            data.put("changeType", cause.changeType());
        }
        data.put("changedBy", cause.changedBy());
        data.put("cause", cause);
        data.put("changes", changes);
        return data;
    }

    @Override
    public Instant occurredAt() {
        return changedAt;
    }
}
