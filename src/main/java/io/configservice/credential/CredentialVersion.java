package io.configservice.credential;

import io.configservice.crypto.SealedValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.jspecify.annotations.Nullable;

/**
 * One version of a credential's value, encrypted (table {@code credential_versions}): ciphertext,
 * nonce, the wrapped data key and which key encryption key wraps it. Destroying a version erases
 * all three. Updates write only the columns that changed, so a state change never writes back a
 * wrapped key that a concurrent rewrap replaced.
 */
@Entity
@DynamicUpdate
@Table(name = "credential_versions")
class CredentialVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "credential_id", nullable = false)
    private UUID credentialId;

    @Column(nullable = false)
    private int version;

    @Column(nullable = false)
    private String state;

    private byte @Nullable [] ciphertext;

    private byte @Nullable [] nonce;

    @Column(name = "wrapped_dek")
    private @Nullable String wrappedDek;

    @Column(name = "kek_id", nullable = false)
    private String kekId;

    @Column(name = "kek_version", nullable = false)
    private int kekVersion;

    @Column(nullable = false)
    private String algorithm;

    @Column(name = "rotation_id")
    private @Nullable String rotationId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by")
    private @Nullable String createdBy;

    @Column(name = "grace_until")
    private @Nullable Instant graceUntil;

    @Column(name = "destroyed_at")
    private @Nullable Instant destroyedAt;

    protected CredentialVersion() {
        this.credentialId = new UUID(0, 0);
        this.state = VersionState.DESTROYED.column();
        this.kekId = "";
        this.algorithm = "";
        this.createdAt = Instant.EPOCH;
    }

    CredentialVersion(
            UUID credentialId,
            int version,
            SealedValue sealed,
            @Nullable String rotationId,
            String actor,
            Instant now) {
        this.credentialId = credentialId;
        this.version = version;
        this.state = VersionState.CURRENT.column();
        this.ciphertext = sealed.ciphertext();
        this.nonce = sealed.nonce();
        this.wrappedDek = sealed.wrappedKey();
        this.kekId = sealed.keyId();
        this.kekVersion = sealed.keyVersion();
        this.algorithm = sealed.algorithm();
        this.rotationId = rotationId;
        this.createdBy = actor;
        this.createdAt = now;
    }

    /** A newer version became current; this one stays readable until {@code graceUntil}. */
    void superseded(Instant graceUntil) {
        this.state = VersionState.PREVIOUS.column();
        this.graceUntil = graceUntil;
    }

    /**
     * Crypto-shredding: without its wrapped data key (and ciphertext) the value can never be read
     * again.
     */
    void destroy(Instant now) {
        this.state = VersionState.DESTROYED.column();
        this.ciphertext = null;
        this.nonce = null;
        this.wrappedDek = null;
        this.destroyedAt = now;
    }

    /**
     * Whether a read may return this version at {@code now}: the current one, or a previous one
     * within its grace.
     */
    boolean readableAt(Instant now) {
        return switch (state()) {
            case CURRENT -> true;
            case PREVIOUS -> graceUntil != null && graceUntil.isAfter(now);
            case DESTROYED -> false;
        };
    }

    /**
     * @throws IllegalStateException for a destroyed version, which has nothing left to open
     */
    SealedValue sealed() {
        if (ciphertext == null || nonce == null || wrappedDek == null) {
            throw new IllegalStateException(
                    "Version " + version + " of credential " + credentialId + " is destroyed");
        }
        return new SealedValue(ciphertext, nonce, wrappedDek, kekId, kekVersion, algorithm);
    }

    long id() {
        return Objects.requireNonNull(id, "not stored yet");
    }

    @Nullable String wrappedDek() {
        return wrappedDek;
    }

    UUID credentialId() {
        return credentialId;
    }

    int version() {
        return version;
    }

    VersionState state() {
        return VersionState.fromColumn(state);
    }

    @Nullable Instant graceUntil() {
        return graceUntil;
    }

    CredentialVersionMetadata metadata() {
        return new CredentialVersionMetadata(
                version,
                state,
                createdAt,
                createdBy,
                rotationId,
                graceUntil,
                destroyedAt,
                kekId,
                kekVersion,
                algorithm);
    }
}
