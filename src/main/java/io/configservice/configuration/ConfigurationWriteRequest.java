package io.configservice.configuration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST} and {@code PUT /configurations/{serviceId}}: the whole document, why it
 * changes, and optionally the version the writer expects to replace (like {@code If-Match}).
 */
public record ConfigurationWriteRequest(
        @NotNull JsonNode configuration,
        @Size(max = 2000) @Nullable String changeReason,
        @Positive @Nullable Integer expectedVersion) {}
