package io.configservice.approval;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One decision on a change request.
 *
 * @param contentHash the content hash of the change the approver decided on
 */
public record DecisionResponse(
        String approver,
        @Nullable String role,
        Decision decision,
        @Nullable String reason,
        Instant decidedAt,
        String contentHash) {

    static DecisionResponse from(ApprovalDecision decision) {
        return new DecisionResponse(
                decision.approverId(),
                decision.approverRole(),
                decision.decision(),
                decision.decisionReason(),
                decision.decidedAt(),
                decision.contentHash());
    }
}
