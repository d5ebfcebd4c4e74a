package io.configservice.configuration.effective;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * The documented shape of an effective read; the body itself is written from the cache's
 * pre-serialized JSON ({@link io.configservice.configuration.ConfigurationReadResponse}), or with
 * {@code explain} as an {@code ApiResponse} without {@code meta}.
 */
public record EffectiveReadBody(
        boolean success, Data data, boolean cached, EffectiveMeta meta, Instant timestamp) {

    /** The effective configuration, and with {@code explain} the layer of each leaf by dot path. */
    @Schema(name = "EffectiveConfigurationData")
    public record Data(
            String serviceId,
            String environment,
            @Schema(description = "The effective configuration document")
                    Map<String, Object> configuration,
            @Schema(
                            description =
                                    "With explain=true: dot path of each leaf to the layer that supplied it")
                    Map<String, LeafSource> explain) {}
}
