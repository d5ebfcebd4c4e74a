package io.configservice.approval;

import io.configservice.audit.AuditService;
import io.configservice.configuration.ChangeApprovalGate;
import io.configservice.configuration.PendingChange;
import io.configservice.configuration.ProposedChange;
import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.configuration.document.ConfigurationDiff;
import io.configservice.environment.AffectedEnvironment;
import io.configservice.environment.OverrideApprovalGate;
import io.configservice.environment.PendingEnvironmentChange;
import io.configservice.environment.ProposedEnvironmentChange;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds changes that alter the effective configuration of an environment with an approval policy:
 * configuration writes and environment updates that change the overrides or the parents each become
 * a PENDING change request bound to the content hash of what they propose, in the write's own
 * transaction, under the strictest policy of the environments they affect ({@link ApprovalTerms}).
 * A configuration request also writes its audit row ({@code APPROVAL_REQUEST}).
 */
@Service
public class ChangeRequestService implements ChangeApprovalGate, OverrideApprovalGate {

    static final String REQUESTED = "APPROVAL_REQUEST";

    private final ApprovalPolicyRepository policies;
    private final ChangeApprovalRepository approvals;
    private final AuditService audit;
    private final JsonMapper json;
    private final Clock clock;

    public ChangeRequestService(
            ApprovalPolicyRepository policies,
            ChangeApprovalRepository approvals,
            AuditService audit,
            JsonMapper json,
            Clock clock) {
        this.policies = policies;
        this.approvals = approvals;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<PendingChange> hold(ProposedChange change) {
        List<String> affected =
                change.affected().stream().map(AffectedEnvironment::environment).toList();
        return ApprovalTerms.strictest(policiesOf(affected))
                .map(
                        terms -> {
                            Instant now = now();
                            String hash =
                                    ChangeHash.ofConfiguration(
                                            change.serviceId(),
                                            change.environment(),
                                            change.baseVersion(),
                                            change.proposedDocument());
                            ChangeApproval request =
                                    approvals.save(
                                            new ChangeApproval(
                                                    new ChangeRequestDraft(
                                                            change.changeType().name(),
                                                            change.serviceId(),
                                                            change.environment(),
                                                            change.baseVersion(),
                                                            null,
                                                            change.proposedDocument(),
                                                            json.writeValueAsString(
                                                                    change.changes()),
                                                            change.reason(),
                                                            change.rollbackSourceVersion(),
                                                            change.requestedBy(),
                                                            terms,
                                                            now,
                                                            hash,
                                                            json.writeValueAsString(
                                                                    change.affected()))));
                            audit.recordConfigurationChange(
                                    change.serviceId(),
                                    change.environment(),
                                    change.baseVersion() == null ? 0 : change.baseVersion(),
                                    REQUESTED,
                                    change.requestedBy(),
                                    change.changes().stream()
                                            .map(ConfigurationChange::path)
                                            .distinct()
                                            .toList(),
                                    auditReason(request.id(), change.reason()),
                                    now);
                            return new PendingChange(
                                    request.id(),
                                    request.status().name(),
                                    change.serviceId(),
                                    request.environment(),
                                    request.baseVersion(),
                                    request.requiredApprovals(),
                                    request.expiresAt(),
                                    change.changes(),
                                    change.affected());
                        });
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<PendingEnvironmentChange> hold(ProposedEnvironmentChange change) {
        List<AffectedEnvironment> affected =
                change.affectedEnvironments().stream()
                        .map(environment -> new AffectedEnvironment(environment, null))
                        .toList();
        return ApprovalTerms.strictest(policiesOf(change.affectedEnvironments()))
                .map(
                        terms -> {
                            Instant now = now();
                            List<ConfigurationChange> diff =
                                    ConfigurationDiff.between(
                                            (ObjectNode) json.readTree(change.currentOverrides()),
                                            (ObjectNode) json.readTree(change.proposedOverrides()));
                            String hash =
                                    ChangeHash.ofOverrides(
                                            change.environment(),
                                            change.baseUpdatedAt(),
                                            change.proposedRequest());
                            ChangeApproval request =
                                    approvals.save(
                                            new ChangeApproval(
                                                    new ChangeRequestDraft(
                                                            ChangeApproval.OVERRIDES,
                                                            null,
                                                            change.environment(),
                                                            null,
                                                            change.baseUpdatedAt(),
                                                            change.proposedRequest(),
                                                            json.writeValueAsString(diff),
                                                            null,
                                                            null,
                                                            change.requestedBy(),
                                                            terms,
                                                            now,
                                                            hash,
                                                            json.writeValueAsString(affected))));
                            audit.recordEnvironmentChange(
                                    change.environment(),
                                    REQUESTED,
                                    change.requestedBy(),
                                    diff.stream()
                                            .map(ConfigurationChange::path)
                                            .distinct()
                                            .toList(),
                                    auditReason(request.id(), null),
                                    now);
                            return new PendingEnvironmentChange(
                                    request.id(),
                                    request.status().name(),
                                    request.environment(),
                                    change.baseUpdatedAt(),
                                    request.requiredApprovals(),
                                    request.expiresAt(),
                                    json.valueToTree(diff),
                                    affected);
                        });
    }

    /** The reason of an audit row about a change request: it names the request, then says why. */
    static String auditReason(UUID approvalId, @Nullable String reason) {
        return "change request "
                + approvalId
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The policies of these environments. The table holds at most one row per environment, so all
     * of them are read with a query whose plan Hibernate keeps, then filtered: {@code findAllById}
     * builds and translates a criteria query on every write.
     */
    private List<ApprovalPolicy> policiesOf(Collection<String> environments) {
        return policies.findAllByOrderByEnvironment().stream()
                .filter(policy -> environments.contains(policy.getId()))
                .toList();
    }
}
