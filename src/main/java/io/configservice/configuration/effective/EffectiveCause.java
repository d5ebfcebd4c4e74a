package io.configservice.configuration.effective;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.configservice.configuration.history.ChangeType;
import org.jspecify.annotations.Nullable;

/**
 * Which layer of which environment changed and so changed an effective configuration.
 *
 * @param layer {@code configuration} (a service's own document: any write, rollback, import or
 *     approved change), {@code overrides} or {@code inheritsFrom} of an environment, or {@code
 *     environment} when an environment was created or deleted or both its overrides and its parents
 *     changed
 * @param version the new version of the own document, for the {@code configuration} layer
 * @param changeType the kind of write, for the {@code configuration} layer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EffectiveCause(
        String layer,
        String environment,
        @Nullable Integer version,
        @Nullable ChangeType changeType,
        @Nullable String changedBy) {

    public static EffectiveCause configuration(
            String environment, int version, ChangeType changeType, String changedBy) {
        return new EffectiveCause("configuration", environment, version, changeType, changedBy);
    }

    static EffectiveCause environment(
            String layer, String environment, @Nullable String changedBy) {
        return new EffectiveCause(layer, environment, null, null, changedBy);
    }
}
