package io.configservice.security;

import io.configservice.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A stored service token: its public id, the SHA-256 of the token, and what it is bound to. */
@Entity
@Table(name = "service_tokens")
class ServiceToken extends AssignedIdEntity<String> {

    @Id private String id;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "service_id")
    private @Nullable String serviceId;

    @Column(nullable = false)
    private boolean admin;

    private @Nullable String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by")
    private @Nullable String createdBy;

    @Column(name = "expires_at")
    private @Nullable Instant expiresAt;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    @Column(name = "last_used_at")
    private @Nullable Instant lastUsedAt;

    @Column(nullable = false)
    private String scopes;

    protected ServiceToken() {
        this.id = "";
        this.tokenHash = "";
        this.createdAt = Instant.EPOCH;
        this.scopes = "";
    }

    ServiceToken(
            String id,
            String tokenHash,
            String serviceId,
            Set<Scope> scopes,
            @Nullable String description,
            @Nullable Instant expiresAt,
            String createdBy,
            Instant createdAt) {
        this.id = id;
        this.tokenHash = tokenHash;
        this.serviceId = serviceId;
        this.admin = false;
        this.scopes = Scope.join(scopes);
        this.description = description;
        this.expiresAt = expiresAt;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String tokenHash() {
        return tokenHash;
    }

    @Nullable String serviceId() {
        return serviceId;
    }

    boolean admin() {
        return admin;
    }

    @Nullable String description() {
        return description;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable String createdBy() {
        return createdBy;
    }

    @Nullable Instant expiresAt() {
        return expiresAt;
    }

    @Nullable Instant revokedAt() {
        return revokedAt;
    }

    @Nullable Instant lastUsedAt() {
        return lastUsedAt;
    }

    Set<Scope> scopes() {
        return Scope.split(scopes);
    }

    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    Caller toCaller() {
        if (admin) {
            return Caller.adminToken(id, expiresAt);
        }
        return Caller.serviceToken(
                id,
                Objects.requireNonNull(serviceId, "service token without service"),
                scopes(),
                expiresAt);
    }

    @Override
    public String getId() {
        return id;
    }
}
