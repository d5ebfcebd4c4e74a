package io.configservice.configuration.effective;

import java.time.Instant;
import java.util.List;

/**
 * The {@code meta} object beside a served effective configuration.
 *
 * @param revision +1 exactly when the effective content changes; the read's {@code ETag} is {@code
 *     "r<revision>"}
 * @param checksum SHA-256 of {@code data.configuration} exactly as served (canonical JSON)
 * @param layers the layers that contribute, in merge order
 */
public record EffectiveMeta(
        String serviceId,
        String environment,
        long revision,
        String checksum,
        List<EffectiveLayer> layers,
        Instant updatedAt) {}
