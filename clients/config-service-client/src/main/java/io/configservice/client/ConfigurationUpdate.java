package io.configservice.client;

import java.util.Set;

/**
 * A new effective configuration has been applied.
 *
 * @param changedPaths dot paths of the values that were added, changed or removed
 */
public record ConfigurationUpdate(
        EffectiveConfiguration previous, EffectiveConfiguration current, Set<String> changedPaths) {

    public ConfigurationUpdate {
        changedPaths = Set.copyOf(changedPaths);
    }
}
