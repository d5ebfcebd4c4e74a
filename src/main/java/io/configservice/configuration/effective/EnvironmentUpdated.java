package io.configservice.configuration.effective;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An environment changed (created, redefined or deleted) and these services' effective configurations in these
 * environments changed with it. Published inside the environment change's transaction.
 */
public record EnvironmentUpdated(String environment, @Nullable String changedBy, List<AffectedConfiguration> affected) {

    /** One service whose effective configuration in one environment changed. */
    public record AffectedConfiguration(String serviceId, String environment) {
    }
}
