package io.configservice.environment;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Published inside the transaction that created, changed or deleted an environment, with the
 * definitions of all environments before and after, so listeners can work out whose effective
 * configuration changed.
 */
public record EnvironmentChanged(
        String environmentId,
        @Nullable String actor,
        Map<String, EnvironmentDefinition> before,
        Map<String, EnvironmentDefinition> after) {}
