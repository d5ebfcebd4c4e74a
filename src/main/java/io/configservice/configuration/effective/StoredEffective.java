package io.configservice.configuration.effective;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code effective_configurations}.
 *
 * @param generation +1 on every change of the row (a layer's version may change without the
 *     content); orders cache entries
 * @param canonical the effective document as canonical JSON, or null when no layer holds a document
 *     of the service
 * @param layers the contributing layers as JSON
 */
public record StoredEffective(
        String serviceId,
        String environment,
        long revision,
        long generation,
        @Nullable String canonical,
        @Nullable String checksum,
        String layers,
        Instant updatedAt) {}
