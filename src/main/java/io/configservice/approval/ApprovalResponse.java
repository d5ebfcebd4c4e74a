package io.configservice.approval;

import io.configservice.configuration.ChangeType;
import io.configservice.configuration.ConfigurationChange;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A change request in full: what it proposes (the diff against its base version), its decisions and its outcome.
 *
 * @param baseVersion the version the change was computed from; {@code null} when it creates the configuration
 * @param contentHash SHA-256 over service, environment, base version and the canonical proposed document
 * @param diff the proposed changes {@code [{path, op, oldValue, newValue}]} against the base version
 * @param appliedVersion the version the change made once applied
 * @param completedBy who ended the request: the deciding approver, or the admin of an emergency apply
 */
public record ApprovalResponse(UUID id, ApprovalStatus status, String serviceId, String environment,
        ChangeType changeType, @Nullable Integer baseVersion, int requiredApprovals, int receivedApprovals,
        String requestedBy, @Nullable String changeReason, Instant requestedAt, Instant expiresAt,
        @Nullable Instant completedAt, @Nullable String completedBy, @Nullable Integer appliedVersion,
        @Nullable String emergencyReason, String contentHash, List<ConfigurationChange> diff,
        List<DecisionResponse> decisions) {

    static ApprovalResponse of(ChangeApproval approval, List<ConfigurationChange> diff,
            List<DecisionResponse> decisions) {
        return new ApprovalResponse(approval.id(), approval.status(), approval.serviceId(), approval.environment(),
                approval.changeType(), approval.baseVersion(), approval.requiredApprovals(),
                approval.receivedApprovals(), approval.requestedBy(), approval.changeReason(), approval.requestedAt(),
                approval.expiresAt(), approval.completedAt(), approval.completedBy(), approval.appliedVersion(),
                approval.emergencyReason(), approval.contentHash(), diff, decisions);
    }
}
