package io.configservice.credential;

import io.configservice.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How often the credentials that name this policy rotate, how long an old value lives on, how new
 * values are made.
 */
@Entity
@Table(name = "rotation_policies")
class RotationPolicy extends AssignedIdEntity<String> {

    @Id private String id;

    @Column(nullable = false)
    private String name;

    private @Nullable String description;

    @Column(name = "rotation_interval_seconds", nullable = false)
    private long rotationIntervalSeconds;

    @Column(name = "grace_period_seconds", nullable = false)
    private long gracePeriodSeconds;

    @Column(name = "api_key_length", nullable = false)
    private int apiKeyLength;

    @Column(name = "password_length", nullable = false)
    private int passwordLength;

    @Column(name = "password_uppercase", nullable = false)
    private boolean passwordUppercase;

    @Column(name = "password_lowercase", nullable = false)
    private boolean passwordLowercase;

    @Column(name = "password_digits", nullable = false)
    private boolean passwordDigits;

    @Column(name = "password_symbols", nullable = false)
    private boolean passwordSymbols;

    @Column(name = "key_length_bits", nullable = false)
    private int keyLengthBits;

    @Column(name = "token_bytes", nullable = false)
    private int tokenBytes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "created_by")
    private @Nullable String createdBy;

    @Column(name = "updated_by")
    private @Nullable String updatedBy;

    protected RotationPolicy() {
        this.id = "";
        this.name = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    RotationPolicy(String id, String actor, Instant now) {
        this.id = id;
        this.name = "";
        this.createdBy = actor;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void apply(
            String name,
            @Nullable String description,
            Duration rotationInterval,
            Duration gracePeriod,
            GeneratorSettings generator,
            String actor,
            Instant now) {
        this.name = name;
        this.description = description;
        this.rotationIntervalSeconds = rotationInterval.toSeconds();
        this.gracePeriodSeconds = gracePeriod.toSeconds();
        this.apiKeyLength = generator.apiKeyLength();
        this.passwordLength = generator.passwordLength();
        this.passwordUppercase = generator.passwordUppercase();
        this.passwordLowercase = generator.passwordLowercase();
        this.passwordDigits = generator.passwordDigits();
        this.passwordSymbols = generator.passwordSymbols();
        this.keyLengthBits = generator.keyLengthBits();
        this.tokenBytes = generator.tokenBytes();
        this.updatedBy = actor;
        this.updatedAt = now;
    }

    @Override
    public String getId() {
        return id;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    Duration rotationInterval() {
        return Duration.ofSeconds(rotationIntervalSeconds);
    }

    Duration gracePeriod() {
        return Duration.ofSeconds(gracePeriodSeconds);
    }

    GeneratorSettings generator() {
        return new GeneratorSettings(
                apiKeyLength,
                passwordLength,
                passwordUppercase,
                passwordLowercase,
                passwordDigits,
                passwordSymbols,
                keyLengthBits,
                tokenBytes);
    }

    RotationPolicyResponse response() {
        return new RotationPolicyResponse(
                id,
                name,
                description,
                rotationInterval().toString(),
                gracePeriod().toString(),
                generator(),
                createdAt,
                updatedAt,
                createdBy,
                updatedBy);
    }
}
