package io.configservice.approval;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /approvals/{id}/emergency-apply}: why the change cannot wait for its
 * approvals.
 */
public record EmergencyApplyRequest(@NotBlank @Size(max = 2000) @Nullable String reason) {}
