package io.configservice.configuration.effective;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A layer that contributes to an effective configuration, in merge order.
 *
 * @param kind {@code configuration} (the service's own document in the environment) or {@code
 *     overrides} (the environment's configuration overrides)
 * @param version the document's version, for the {@code configuration} kind
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EffectiveLayer(String environment, String kind, @Nullable Integer version) {

    static EffectiveLayer configuration(String environment, int version) {
        return new EffectiveLayer(environment, "configuration", version);
    }

    static EffectiveLayer overrides(String environment) {
        return new EffectiveLayer(environment, "overrides", null);
    }
}
