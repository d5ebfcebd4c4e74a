package io.configservice.approval;

import io.configservice.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One approver's vote on a change request and the content hash it agreed to (table
 * approval_decisions).
 */
@Entity
@Table(name = "approval_decisions")
class ApprovalDecision extends AssignedIdEntity<UUID> {

    @Id private UUID id;

    @Column(name = "approval_id", nullable = false)
    private UUID approvalId;

    @Column(name = "approver_id", nullable = false)
    private String approverId;

    @Column(name = "approver_role")
    private @Nullable String approverRole;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Decision decision;

    @Column(name = "decision_reason")
    private @Nullable String decisionReason;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(name = "content_hash", nullable = false)
    private String contentHash;

    protected ApprovalDecision() {
        this.id = new UUID(0, 0);
        this.approvalId = id;
        this.approverId = "";
        this.decision = Decision.REJECT;
        this.decidedAt = Instant.EPOCH;
        this.contentHash = "";
    }

    ApprovalDecision(
            ChangeApproval approval,
            String approverId,
            String approverRole,
            Decision decision,
            @Nullable String reason,
            Instant decidedAt) {
        this.id = UUID.randomUUID();
        this.approvalId = approval.id();
        this.approverId = approverId;
        this.approverRole = approverRole;
        this.decision = decision;
        this.decisionReason = reason;
        this.decidedAt = decidedAt;
        this.contentHash = approval.contentHash();
    }

    String approverId() {
        return approverId;
    }

    @Nullable String approverRole() {
        return approverRole;
    }

    Decision decision() {
        return decision;
    }

    @Nullable String decisionReason() {
        return decisionReason;
    }

    Instant decidedAt() {
        return decidedAt;
    }

    String contentHash() {
        return contentHash;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
