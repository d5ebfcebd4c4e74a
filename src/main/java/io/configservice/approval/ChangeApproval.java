package io.configservice.approval;

import io.configservice.configuration.history.ChangeType;
import io.configservice.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.jspecify.annotations.Nullable;

/**
 * A change held for approval, bound to the content hash of what it proposes (table
 * change_approvals): a configuration change of one service, or an environment update that changes
 * the environment's overrides.
 */
@Entity
@Table(name = "change_approvals")
class ChangeApproval extends AssignedIdEntity<UUID> {

    static final String OVERRIDES = "OVERRIDES";

    @Id private UUID id;

    @Column(name = "change_request_id", nullable = false)
    private UUID changeRequestId;

    @Column(name = "change_type", nullable = false)
    private String changeType;

    @Column(name = "required_approvals", nullable = false)
    private int requiredApprovals;

    @Column(name = "received_approvals", nullable = false)
    private int receivedApprovals;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApprovalStatus status;

    @Column(name = "policy_id")
    private @Nullable String policyId;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "completed_at")
    private @Nullable Instant completedAt;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "service_id")
    private @Nullable String serviceId;

    @Column(nullable = false)
    private String environment;

    @Column(name = "base_version")
    private @Nullable Integer baseVersion;

    @Column(name = "base_updated_at")
    private @Nullable Instant baseUpdatedAt;

    @Column(name = "proposed_document", nullable = false)
    private String proposedDocument;

    @Column(name = "content_hash", nullable = false)
    private String contentHash;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String diff;

    @Column(name = "change_reason")
    private @Nullable String changeReason;

    @Column(name = "rollback_source_version")
    private @Nullable Integer rollbackSourceVersion;

    @Column(name = "applied_version")
    private @Nullable Integer appliedVersion;

    @Column(name = "completed_by")
    private @Nullable String completedBy;

    @Column(name = "emergency_reason")
    private @Nullable String emergencyReason;

    @Column(name = "affected_environments", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String affectedEnvironments;

    protected ChangeApproval() {
        this.id = new UUID(0, 0);
        this.changeRequestId = id;
        this.changeType = ChangeType.UPDATE.name();
        this.status = ApprovalStatus.PENDING;
        this.requestedAt = Instant.EPOCH;
        this.expiresAt = Instant.EPOCH;
        this.requestedBy = "";
        this.environment = "";
        this.proposedDocument = "{}";
        this.contentHash = "";
        this.diff = "[]";
        this.affectedEnvironments = "[]";
    }

    ChangeApproval(ChangeRequestDraft draft) {
        this.id = UUID.randomUUID();
        this.changeRequestId = id;
        this.changeType = draft.changeType();
        this.requiredApprovals = draft.terms().requiredApprovals();
        this.status = ApprovalStatus.PENDING;
        this.policyId = draft.terms().policyId();
        this.requestedAt = draft.requestedAt();
        this.expiresAt = draft.requestedAt().plus(draft.terms().expiresAfter());
        this.requestedBy = draft.requestedBy();
        this.serviceId = draft.serviceId();
        this.environment = draft.environment();
        this.baseVersion = draft.baseVersion();
        this.baseUpdatedAt = draft.baseUpdatedAt();
        this.proposedDocument = draft.proposedDocument();
        this.contentHash = draft.contentHash();
        this.diff = draft.diffJson();
        this.changeReason = draft.reason();
        this.rollbackSourceVersion = draft.rollbackSourceVersion();
        this.affectedEnvironments = draft.affectedJson();
    }

    /**
     * Whether this request changes an environment's overrides rather than one service's
     * configuration.
     */
    boolean overrides() {
        return OVERRIDES.equals(changeType);
    }

    boolean pending() {
        return status == ApprovalStatus.PENDING;
    }

    boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    void countApproval() {
        receivedApprovals++;
    }

    boolean approvalComplete() {
        return receivedApprovals >= requiredApprovals;
    }

    /** Ends the request in a final state; {@code appliedVersion} is the version it made, if any. */
    void complete(
            ApprovalStatus finalStatus,
            @Nullable String by,
            @Nullable Integer appliedVersion,
            Instant now) {
        this.status = finalStatus;
        this.completedBy = by;
        this.appliedVersion = appliedVersion;
        this.completedAt = now;
    }

    void emergencyReason(String reason) {
        this.emergencyReason = reason;
    }

    UUID id() {
        return id;
    }

    /** The affected environments as a JSON array of {@link AffectedEnvironment}. */
    String affectedEnvironments() {
        return affectedEnvironments;
    }

    String changeType() {
        return changeType;
    }

    int requiredApprovals() {
        return requiredApprovals;
    }

    int receivedApprovals() {
        return receivedApprovals;
    }

    ApprovalStatus status() {
        return status;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    @Nullable Instant completedAt() {
        return completedAt;
    }

    String requestedBy() {
        return requestedBy;
    }

    @Nullable String serviceId() {
        return serviceId;
    }

    String environment() {
        return environment;
    }

    @Nullable Integer baseVersion() {
        return baseVersion;
    }

    @Nullable Instant baseUpdatedAt() {
        return baseUpdatedAt;
    }

    String proposedDocument() {
        return proposedDocument;
    }

    String contentHash() {
        return contentHash;
    }

    String diff() {
        return diff;
    }

    @Nullable String changeReason() {
        return changeReason;
    }

    @Nullable Integer rollbackSourceVersion() {
        return rollbackSourceVersion;
    }

    @Nullable Integer appliedVersion() {
        return appliedVersion;
    }

    @Nullable String completedBy() {
        return completedBy;
    }

    @Nullable String emergencyReason() {
        return emergencyReason;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
