package io.configservice.configuration.effective;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's effective configuration in an environment: parents, then its own document, then the
 * environment's overrides. {@code explain} maps each leaf's dot path to the layer that supplied it,
 * when asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EffectiveConfiguration(
        String serviceId,
        String environment,
        ObjectNode configuration,
        @Nullable Map<String, LeafSource> explain) {}
