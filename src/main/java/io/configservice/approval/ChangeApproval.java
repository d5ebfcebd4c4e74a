package io.configservice.approval;

import io.configservice.configuration.ChangeType;
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

/** A configuration change held for approval, bound to the content hash of what it proposes (table change_approvals). */
@Entity
@Table(name = "change_approvals")
class ChangeApproval extends AssignedIdEntity<UUID> {

    @Id
    private UUID id;

    @Column(name = "change_request_id", nullable = false)
    private UUID changeRequestId;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_type", nullable = false)
    private ChangeType changeType;

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

    @Column(name = "service_id", nullable = false)
    private String serviceId;

    @Column(nullable = false)
    private String environment;

    @Column(name = "base_version")
    private @Nullable Integer baseVersion;

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

    protected ChangeApproval() {
        this.id = new UUID(0, 0);
        this.changeRequestId = id;
        this.changeType = ChangeType.UPDATE;
        this.status = ApprovalStatus.PENDING;
        this.requestedAt = Instant.EPOCH;
        this.expiresAt = Instant.EPOCH;
        this.requestedBy = "";
        this.serviceId = "";
        this.environment = "";
        this.proposedDocument = "{}";
        this.contentHash = "";
        this.diff = "[]";
    }

    ChangeApproval(ChangeRequestDraft draft) {
        this.id = UUID.randomUUID();
        this.changeRequestId = id;
        this.changeType = draft.change().changeType();
        this.requiredApprovals = draft.requiredApprovals();
        this.status = ApprovalStatus.PENDING;
        this.policyId = draft.change().environment();
        this.requestedAt = draft.requestedAt();
        this.expiresAt = draft.expiresAt();
        this.requestedBy = draft.change().requestedBy();
        this.serviceId = draft.change().serviceId();
        this.environment = draft.change().environment();
        this.baseVersion = draft.change().baseVersion();
        this.proposedDocument = draft.change().proposedDocument();
        this.contentHash = draft.contentHash();
        this.diff = draft.diffJson();
        this.changeReason = draft.change().reason();
        this.rollbackSourceVersion = draft.change().rollbackSourceVersion();
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
    void complete(ApprovalStatus finalStatus, @Nullable String by, @Nullable Integer appliedVersion, Instant now) {
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

    ChangeType changeType() {
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

    String serviceId() {
        return serviceId;
    }

    String environment() {
        return environment;
    }

    @Nullable Integer baseVersion() {
        return baseVersion;
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
