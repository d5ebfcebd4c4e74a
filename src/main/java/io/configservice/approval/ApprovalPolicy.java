package io.configservice.approval;

import io.configservice.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How many approvals a change in one environment needs and how long a request waits (table
 * approval_policies).
 */
@Entity
@Table(name = "approval_policies")
class ApprovalPolicy extends AssignedIdEntity<String> {

    @Id private String environment;

    @Column(name = "required_approvals", nullable = false)
    private int requiredApprovals;

    @Column(name = "expires_after_seconds", nullable = false)
    private long expiresAfterSeconds;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private @Nullable String updatedBy;

    protected ApprovalPolicy() {
        this.environment = "";
        this.updatedAt = Instant.EPOCH;
    }

    ApprovalPolicy(String environment) {
        this.environment = environment;
        this.updatedAt = Instant.EPOCH;
    }

    void update(int requiredApprovals, Duration expiresAfter, String actor, Instant now) {
        this.requiredApprovals = requiredApprovals;
        this.expiresAfterSeconds = expiresAfter.toSeconds();
        this.updatedBy = actor;
        this.updatedAt = now;
    }

    String environment() {
        return environment;
    }

    int requiredApprovals() {
        return requiredApprovals;
    }

    Duration expiresAfter() {
        return Duration.ofSeconds(expiresAfterSeconds);
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Nullable String updatedBy() {
        return updatedBy;
    }

    @Override
    public String getId() {
        return environment;
    }
}
