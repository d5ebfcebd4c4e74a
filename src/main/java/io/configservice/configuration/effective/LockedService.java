package io.configservice.configuration.effective;

import io.configservice.configuration.history.ConfigurationVersion;
import io.configservice.environment.EnvironmentDefinition;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a change of a service's configurations starts from, read once right after the service's
 * effective lock was taken ({@link EffectiveMaterializer#lock}) and carried through the change:
 * none of it can move until the transaction ends, so reading it again would only cost.
 *
 * @param definitions every active environment's definition
 * @param documents the service's current own document in each environment that has one
 * @param stored the service's stored effective row in each environment that has one
 */
public record LockedService(
        String serviceId,
        Map<String, EnvironmentDefinition> definitions,
        Map<String, ConfigurationVersion> documents,
        Map<String, StoredEffective> stored) {

    /** The current version of the service's own document in the environment. */
    public Optional<ConfigurationVersion> current(String environment) {
        return Optional.ofNullable(documents.get(environment));
    }

    /** The effective revision of each environment that has a stored row. */
    public Map<String, Long> revisions() {
        return stored.values().stream()
                .collect(Collectors.toMap(StoredEffective::environment, StoredEffective::revision));
    }
}
