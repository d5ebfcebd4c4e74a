package io.configservice.configuration.effective;

import io.configservice.configuration.document.ConfigurationChange;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The effective configuration of a service in an environment changed content and got a new revision; published
 * inside the transaction of the change that caused it, once per affected environment.
 *
 * @param version the service's own document version in this environment, when it has one
 */
public record EffectiveConfigurationChanged(String serviceId, String environment, long revision,
        @Nullable Integer version, EffectiveCause cause, List<ConfigurationChange> changes, Instant changedAt) {
}
