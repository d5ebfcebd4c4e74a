package io.configservice.approval;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An environment's approval policy.
 *
 * @param expiresAfter ISO-8601 duration after which a pending request expires
 */
public record ApprovalPolicyResponse(
        String environment,
        int requiredApprovals,
        String expiresAfter,
        Instant updatedAt,
        @Nullable String updatedBy) {

    static ApprovalPolicyResponse from(ApprovalPolicy policy) {
        return new ApprovalPolicyResponse(
                policy.environment(),
                policy.requiredApprovals(),
                policy.expiresAfter().toString(),
                policy.updatedAt(),
                policy.updatedBy());
    }
}
