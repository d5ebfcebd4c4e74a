package io.configservice.configuration;

import java.time.Instant;
import java.util.List;

/** A new version of a service's configuration was stored; published inside the writing transaction. */
public record ConfigurationChanged(String serviceId, String environment, int version, ChangeType changeType,
        String changedBy, List<ConfigurationChange> changes, Instant changedAt) {
}
