package io.configservice.approval;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PUT /approval-policies/{environment}}.
 *
 * @param expiresAfter an ISO-8601 duration of at least one second; {@code PT72H} when absent
 */
public record ApprovalPolicyRequest(
        @NotNull @Min(1) @Nullable Integer requiredApprovals, @Nullable String expiresAfter) {}
