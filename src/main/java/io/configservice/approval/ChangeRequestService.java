package io.configservice.approval;

import io.configservice.audit.AuditService;
import io.configservice.configuration.ChangeApprovalGate;
import io.configservice.configuration.ConfigurationChange;
import io.configservice.configuration.PendingChange;
import io.configservice.configuration.ProposedChange;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds configuration writes to environments with an approval policy: each becomes a PENDING change request bound to
 * the content hash of what it proposes, with an audit row, in the write's own transaction.
 */
@Service
public class ChangeRequestService implements ChangeApprovalGate {

    static final String REQUESTED = "APPROVAL_REQUEST";

    private final ApprovalPolicyService policies;
    private final ChangeApprovalRepository approvals;
    private final AuditService audit;
    private final JsonMapper json;
    private final Clock clock;

    public ChangeRequestService(ApprovalPolicyService policies, ChangeApprovalRepository approvals, AuditService audit,
            JsonMapper json, Clock clock) {
        this.policies = policies;
        this.approvals = approvals;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<PendingChange> hold(ProposedChange change) {
        return policies.policyFor(change.environment()).map(policy -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String hash = ChangeHash.of(change.serviceId(), change.environment(), change.baseVersion(),
                    change.proposedDocument());
            ChangeApproval request = approvals.save(new ChangeApproval(new ChangeRequestDraft(change,
                    policy.requiredApprovals(), now, now.plus(policy.expiresAfter()), hash,
                    json.writeValueAsString(change.changes()))));
            audit.recordConfigurationChange(change.serviceId(), change.environment(),
                    change.baseVersion() == null ? 0 : change.baseVersion(), REQUESTED, change.requestedBy(),
                    change.changes().stream().map(ConfigurationChange::path).distinct().toList(),
                    auditReason(request.id(), change.reason()), now);
            return new PendingChange(request.id(), request.status().name(), request.serviceId(),
                    request.environment(), request.baseVersion(), request.requiredApprovals(), request.expiresAt(),
                    change.changes());
        });
    }

    /** The reason of an audit row about a change request: it names the request, then says why. */
    static String auditReason(UUID approvalId, @Nullable String reason) {
        return "change request " + approvalId + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }
}
