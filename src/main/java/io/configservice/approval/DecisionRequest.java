package io.configservice.approval;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /approvals/{id}/decisions}. */
public record DecisionRequest(
        @NotNull @Nullable Decision decision, @Size(max = 2000) @Nullable String reason) {}
