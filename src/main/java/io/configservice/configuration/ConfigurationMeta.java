package io.configservice.configuration;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The {@code meta} object beside a served configuration. */
public record ConfigurationMeta(
        String serviceId,
        String environment,
        int version,
        String checksum,
        Instant updatedAt,
        @Nullable String updatedBy) {}
