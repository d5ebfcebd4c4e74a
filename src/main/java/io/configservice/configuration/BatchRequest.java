package io.configservice.configuration;

import io.configservice.configuration.document.BatchOperation;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /configurations/{serviceId}/batch}: operations applied together as one new
 * version.
 */
public record BatchRequest(
        @NotEmpty @Size(max = 1000) List<@NotNull BatchOperation> operations,
        @Nullable String environment,
        @Size(max = 2000) @Nullable String changeReason,
        @Positive @Nullable Integer expectedVersion) {}
