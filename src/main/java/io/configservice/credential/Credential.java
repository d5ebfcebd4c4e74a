package io.configservice.credential;

import io.configservice.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.jspecify.annotations.Nullable;

/**
 * A credential's metadata (table {@code credentials}); its encrypted values are {@link
 * CredentialVersion}s. A deleted credential keeps its row, inactive, so its audit trail still
 * points somewhere.
 */
@Entity
@Table(name = "credentials")
class Credential extends AssignedIdEntity<UUID> implements CredentialIdentity {

    @Id private UUID id;

    @Column(name = "credential_key", nullable = false)
    private String credentialKey;

    @Column(name = "service_id", nullable = false)
    private String serviceId;

    @Column(nullable = false)
    private String environment;

    @Column(name = "credential_type", nullable = false)
    private String type;

    private @Nullable String description;

    @Column(nullable = false)
    private String sensitivity;

    @Column(name = "master_key_id", nullable = false)
    private String masterKeyId;

    @Column(name = "encryption_algorithm", nullable = false)
    private String encryptionAlgorithm;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String tags;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "expires_at")
    private @Nullable Instant expiresAt;

    @Column(name = "rotated_at")
    private @Nullable Instant rotatedAt;

    @Column(name = "rotation_policy_id")
    private @Nullable String rotationPolicyId;

    @Column(name = "next_rotation_at")
    private @Nullable Instant nextRotationAt;

    @Column(nullable = false)
    private int version;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "audit_required", nullable = false)
    private boolean auditRequired;

    @Column(name = "approval_required", nullable = false)
    private boolean approvalRequired;

    @Column(name = "created_by")
    private @Nullable String createdBy;

    @Column(name = "updated_by")
    private @Nullable String updatedBy;

    @Column(name = "deleted_at")
    private @Nullable Instant deletedAt;

    @Column(name = "deleted_by")
    private @Nullable String deletedBy;

    protected Credential() {
        this.id = new UUID(0, 0);
        this.credentialKey = "";
        this.serviceId = "";
        this.environment = "";
        this.type = "";
        this.sensitivity = "";
        this.masterKeyId = "";
        this.encryptionAlgorithm = "";
        this.tags = "{}";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    Credential(
            UUID id,
            String key,
            String serviceId,
            String environment,
            CredentialType type,
            @Nullable String description,
            Sensitivity sensitivity,
            String tagsJson,
            @Nullable Instant expiresAt,
            @Nullable RotationPolicy policy,
            String keyId,
            String algorithm,
            String actor,
            Instant now) {
        this.id = id;
        this.credentialKey = key;
        this.serviceId = serviceId;
        this.environment = environment;
        this.type = type.wire();
        this.description = description;
        this.sensitivity = sensitivity.name();
        this.tags = tagsJson;
        this.expiresAt = StoredTime.of(expiresAt);
        this.rotationPolicyId = policy == null ? null : policy.id();
        this.nextRotationAt = policy == null ? null : now.plus(policy.rotationInterval());
        this.masterKeyId = keyId;
        this.encryptionAlgorithm = algorithm;
        this.version = 1;
        this.active = true;
        this.auditRequired = true;
        this.approvalRequired = sensitivity.approvalRequired();
        this.createdBy = actor;
        this.updatedBy = actor;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Moves to a new current version made by a rotation. */
    void rotated(
            int newVersion,
            Instant now,
            String actor,
            @Nullable RotationPolicy policy,
            String keyId,
            String algorithm,
            @Nullable Instant newExpiresAt) {
        this.version = newVersion;
        this.rotatedAt = now;
        this.updatedAt = now;
        this.updatedBy = actor;
        this.masterKeyId = keyId;
        this.encryptionAlgorithm = algorithm;
        if (policy != null) {
            this.rotationPolicyId = policy.id();
            this.nextRotationAt = now.plus(policy.rotationInterval());
        }
        if (newExpiresAt != null) {
            this.expiresAt = StoredTime.of(newExpiresAt);
        }
    }

    /**
     * A changed policy interval moves the next rotation, counted from the last rotation (or
     * creation).
     */
    void rescheduled(RotationPolicy policy) {
        Instant last = rotatedAt != null ? rotatedAt : createdAt;
        this.nextRotationAt = last.plus(policy.rotationInterval());
    }

    void deleted(String actor, Instant now) {
        this.active = false;
        this.deletedAt = now;
        this.deletedBy = actor;
        this.updatedAt = now;
        this.updatedBy = actor;
        this.nextRotationAt = null;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public String key() {
        return credentialKey;
    }

    @Override
    public String serviceId() {
        return serviceId;
    }

    @Override
    public String environment() {
        return environment;
    }

    CredentialType type() {
        return CredentialType.parse(type);
    }

    @Nullable String description() {
        return description;
    }

    Sensitivity sensitivity() {
        return Sensitivity.fromColumn(sensitivity);
    }

    String tagsJson() {
        return tags;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public @Nullable Instant expiresAt() {
        return expiresAt;
    }

    @Nullable Instant rotatedAt() {
        return rotatedAt;
    }

    @Nullable String rotationPolicyId() {
        return rotationPolicyId;
    }

    @Nullable Instant nextRotationAt() {
        return nextRotationAt;
    }

    int version() {
        return version;
    }

    boolean active() {
        return active;
    }

    boolean approvalRequired() {
        return approvalRequired;
    }

    @Nullable String createdBy() {
        return createdBy;
    }
}
