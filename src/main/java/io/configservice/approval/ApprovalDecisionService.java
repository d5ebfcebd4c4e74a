package io.configservice.approval;

import io.configservice.audit.AuditService;
import io.configservice.configuration.ApprovedChange;
import io.configservice.configuration.ConfigurationCommandService;
import io.configservice.configuration.WriteResult;
import io.configservice.configuration.history.ChangeType;
import io.configservice.environment.AffectedEnvironment;
import io.configservice.environment.EnvironmentService;
import io.configservice.security.Caller;
import io.configservice.security.Role;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides change requests. Each decision locks the request's row ({@code SELECT … FOR UPDATE}), so
 * two approvers deciding at once are serialized and a change is applied at most once. The decision
 * that reaches the required count applies the change in its own transaction through {@link
 * ConfigurationCommandService#applyApproved} (or {@link EnvironmentService#applyApproved} for an
 * overrides change), after checking that the request and every approval still carry the same
 * content hash; when its base is no longer current the request ends as {@code CONFLICT}.
 */
@Service
public class ApprovalDecisionService {

    private static final String EMERGENCY = "EMERGENCY";

    private static final Logger securityEvents =
            LoggerFactory.getLogger("io.configservice.security.events");

    private final ChangeApprovalRepository approvals;
    private final ApprovalDecisionRepository decisions;
    private final ApprovalService views;
    private final ConfigurationCommandService commands;
    private final EnvironmentService environments;
    private final AuditService audit;
    private final Clock clock;

    public ApprovalDecisionService(
            ChangeApprovalRepository approvals,
            ApprovalDecisionRepository decisions,
            ApprovalService views,
            ConfigurationCommandService commands,
            EnvironmentService environments,
            AuditService audit,
            Clock clock) {
        this.approvals = approvals;
        this.decisions = decisions;
        this.views = views;
        this.commands = commands;
        this.environments = environments;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records an approver's decision; a REJECT ends the request, the last required APPROVE applies
     * it.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR} for a caller without the approver role or
     *     the requester, {@code CONFLICT} when this approver already decided, {@code NOT_FOUND} for
     *     an unknown id, {@code INTEGRITY_ERROR} when the stored change no longer matches its hash
     */
    @Transactional
    public DecisionOutcome decide(
            Caller caller, UUID id, Decision decision, @Nullable String reason) {
        caller.require(Role.APPROVER, "decide change requests");
        ChangeApproval approval =
                approvals.findForUpdate(id).orElseThrow(() -> ApprovalService.notFound(id));
        if (approval.requestedBy().equals(caller.actor())) {
            throw ApiException.forbidden(
                    "The requester of change request '" + id + "' may not decide it");
        }
        Instant now = clock.instant();
        Optional<DecisionOutcome> closed = closed(approval, now);
        if (closed.isPresent()) {
            return closed.get();
        }
        if (decisions.existsByApprovalIdAndApproverId(id, caller.actor())) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "'" + caller.actor() + "' already decided change request '" + id + "'");
        }
        requireIntact(approval);
        decisions.save(
                new ApprovalDecision(
                        approval,
                        caller.actor(),
                        caller.admin() ? "admin" : "approver",
                        decision,
                        reason,
                        now));
        audited(
                approval,
                "APPROVAL_" + decision.name(),
                caller.actor(),
                ChangeRequestService.auditReason(id, reason),
                now);
        if (decision == Decision.REJECT) {
            approval.complete(ApprovalStatus.REJECTED, caller.actor(), null, now);
            return new DecisionOutcome.Taken(views.view(approval));
        }
        approval.countApproval();
        if (!approval.approvalComplete()) {
            return new DecisionOutcome.Taken(views.view(approval));
        }
        List<ApprovalDecision> approvers =
                decisions.findByApprovalIdOrderByDecidedAt(id).stream()
                        .filter(d -> d.decision() == Decision.APPROVE)
                        .toList();
        if (approvers.stream().anyMatch(d -> !d.contentHash().equals(approval.contentHash()))) {
            throw tampered(approval);
        }
        String approvedBy =
                approvers.stream()
                        .map(ApprovalDecision::approverId)
                        .collect(Collectors.joining(","));
        return apply(approval, approvedBy, null, ApprovalStatus.APPROVED, caller.actor(), now);
    }

    /**
     * Applies a pending change without its approvals (admin only), audited as {@code EMERGENCY}
     * with the reason.
     *
     * @throws ApiException {@code AUTHORIZATION_ERROR} for a non-admin, {@code NOT_FOUND} for an
     *     unknown id, {@code INTEGRITY_ERROR} when the stored change no longer matches its hash
     */
    @Transactional
    public DecisionOutcome emergencyApply(Caller caller, UUID id, String reason) {
        caller.require(Role.ADMIN, "apply a change request in an emergency");
        ChangeApproval approval =
                approvals.findForUpdate(id).orElseThrow(() -> ApprovalService.notFound(id));
        Instant now = clock.instant();
        Optional<DecisionOutcome> closed = closed(approval, now);
        if (closed.isPresent()) {
            return closed.get();
        }
        requireIntact(approval);
        approval.emergencyReason(reason);
        return apply(
                approval,
                caller.actor(),
                reason,
                ApprovalStatus.EMERGENCY_APPLIED,
                caller.actor(),
                now);
    }

    private DecisionOutcome apply(
            ChangeApproval approval,
            String approvedBy,
            @Nullable String emergencyReason,
            ApprovalStatus applied,
            String by,
            Instant now) {
        boolean appliedNow;
        Integer appliedVersion = null;
        Instant baseUpdatedAt = approval.baseUpdatedAt();
        if (approval.overrides() && baseUpdatedAt != null) {
            appliedNow =
                    environments
                            .applyApproved(
                                    approval.environment(),
                                    approval.proposedDocument(),
                                    baseUpdatedAt,
                                    approval.requestedBy())
                            .isPresent();
        } else {
            Optional<WriteResult> result =
                    commands.applyApproved(
                            change(
                                    approval,
                                    approvedBy,
                                    emergencyReason,
                                    emergencyReason == null ? null : by,
                                    views.affected(approval)));
            appliedNow = result.isPresent();
            appliedVersion = result.map(WriteResult::version).orElse(null);
        }
        if (!appliedNow) {
            approval.complete(ApprovalStatus.CONFLICT, by, null, now);
            return new DecisionOutcome.Refused(
                    views.view(approval),
                    "The base of change request '"
                            + approval.id()
                            + "' is no longer current; the request ended as CONFLICT");
        }
        if (approval.overrides() && emergencyReason != null) {
            audited(
                    approval,
                    EMERGENCY,
                    by,
                    ChangeRequestService.auditReason(approval.id(), emergencyReason),
                    now);
        }
        approval.complete(applied, by, appliedVersion, now);
        return new DecisionOutcome.Taken(views.view(approval));
    }

    /**
     * Rows about a configuration's request name its service; those about an environment's overrides
     * name all.
     */
    private void audited(
            ChangeApproval approval, String operation, String actor, String reason, Instant now) {
        String serviceId = approval.serviceId();
        if (serviceId != null) {
            audit.recordConfigurationChange(
                    serviceId,
                    approval.environment(),
                    versionOf(approval),
                    operation,
                    actor,
                    List.of(),
                    reason,
                    now);
        } else {
            audit.recordEnvironmentChange(
                    approval.environment(),
                    operation,
                    actor,
                    List.of("configurationOverrides"),
                    reason,
                    now);
        }
    }

    /**
     * A request that is no longer pending (or expired just now, which is stored) refuses every
     * decision.
     */
    private Optional<DecisionOutcome> closed(ChangeApproval approval, Instant now) {
        if (approval.pending() && approval.expiredAt(now)) {
            approval.complete(ApprovalStatus.EXPIRED, null, null, now);
        }
        if (approval.pending()) {
            return Optional.empty();
        }
        return Optional.of(
                new DecisionOutcome.Refused(
                        views.view(approval),
                        "Change request '"
                                + approval.id()
                                + "' is "
                                + approval.status()
                                + " and takes no more decisions"));
    }

    private void requireIntact(ChangeApproval approval) {
        if (!ChangeHash.matches(approval)) {
            throw tampered(approval);
        }
    }

    private static ApiException tampered(ChangeApproval approval) {
        securityEvents.error(
                "Change request {} no longer matches its content hash; nothing was applied",
                approval.id());
        return new ApiException(
                ErrorCode.INTEGRITY_ERROR,
                "Change request '"
                        + approval.id()
                        + "' no longer matches the content hash it was requested and approved with",
                Map.of("id", approval.id()));
    }

    /**
     * The approved change; a request made before affected environments were recorded names only its
     * own environment, with no revision, and is then bound to its base version alone.
     */
    private static ApprovedChange change(
            ChangeApproval approval,
            String approvedBy,
            @Nullable String emergencyReason,
            @Nullable String emergencyActor,
            List<AffectedEnvironment> affected) {
        return new ApprovedChange(
                approval.id(),
                approval.requestedBy(),
                approvedBy,
                Objects.requireNonNull(approval.serviceId()),
                approval.environment(),
                ChangeType.valueOf(approval.changeType()),
                approval.baseVersion(),
                approval.proposedDocument(),
                approval.changeReason(),
                approval.rollbackSourceVersion(),
                emergencyReason,
                emergencyActor,
                affected.stream().filter(a -> a.revision() != null).toList());
    }

    private static int versionOf(ChangeApproval approval) {
        Integer base = approval.baseVersion();
        return base == null ? 0 : base;
    }
}
