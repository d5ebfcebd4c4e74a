package io.configservice.configuration.effective;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Which layer supplied a value of an effective configuration.
 *
 * @param layer {@code configuration} (a service's own document in an environment) or {@code
 *     override} (an environment's configuration overrides)
 * @param version the configuration version, for the {@code configuration} layer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeafSource(String layer, String environment, @Nullable Integer version) {

    static LeafSource configuration(String environment, int version) {
        return new LeafSource("configuration", environment, version);
    }

    static LeafSource override(String environment) {
        return new LeafSource("override", environment, null);
    }
}
