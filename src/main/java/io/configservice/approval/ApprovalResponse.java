package io.configservice.approval;

import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.environment.AffectedEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A change request in full: what it proposes (the diff against its base version), its decisions and
 * its outcome.
 *
 * @param serviceId the service of a configuration change; {@code null} for an environment overrides
 *     change
 * @param changeType {@code CREATE}, {@code UPDATE}, {@code DELETE}, {@code BATCH}, {@code ROLLBACK}
 *     or {@code OVERRIDES}
 * @param baseVersion the version a configuration change was computed from; {@code null} for a
 *     create or overrides
 * @param baseUpdatedAt the environment's last change before an overrides change; {@code null}
 *     otherwise
 * @param contentHash SHA-256 over service, environment, base and the proposed document (the whole
 *     next configuration, or the whole environment update)
 * @param diff the proposed changes {@code [{path, op, oldValue, newValue}]} against the base (of
 *     the overrides, for an overrides change)
 * @param appliedVersion the version the change made once applied
 * @param completedBy who ended the request: the deciding approver, or the admin of an emergency
 *     apply
 * @param affectedEnvironments the written environment, then every environment whose effective
 *     configuration the change alters; the request is held under the strictest of their policies
 */
public record ApprovalResponse(
        UUID id,
        ApprovalStatus status,
        @Nullable String serviceId,
        String environment,
        String changeType,
        @Nullable Integer baseVersion,
        @Nullable Instant baseUpdatedAt,
        int requiredApprovals,
        int receivedApprovals,
        String requestedBy,
        @Nullable String changeReason,
        Instant requestedAt,
        Instant expiresAt,
        @Nullable Instant completedAt,
        @Nullable String completedBy,
        @Nullable Integer appliedVersion,
        @Nullable String emergencyReason,
        String contentHash,
        List<ConfigurationChange> diff,
        List<DecisionResponse> decisions,
        List<AffectedEnvironment> affectedEnvironments) {

    static ApprovalResponse of(
            ChangeApproval approval,
            List<ConfigurationChange> diff,
            List<DecisionResponse> decisions,
            List<AffectedEnvironment> affectedEnvironments) {
        return new ApprovalResponse(
                approval.id(),
                approval.status(),
                approval.serviceId(),
                approval.environment(),
                approval.changeType(),
                approval.baseVersion(),
                approval.baseUpdatedAt(),
                approval.requiredApprovals(),
                approval.receivedApprovals(),
                approval.requestedBy(),
                approval.changeReason(),
                approval.requestedAt(),
                approval.expiresAt(),
                approval.completedAt(),
                approval.completedBy(),
                approval.appliedVersion(),
                approval.emergencyReason(),
                approval.contentHash(),
                diff,
                decisions,
                affectedEnvironments);
    }
}
