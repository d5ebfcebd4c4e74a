package io.configservice.environment;

import io.configservice.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A deployment environment configurations live in (table {@code environments}). */
@Entity
@Table(name = "environments")
class Environment extends AssignedIdEntity<String> {

    @Id private String id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String type;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "inherits_from", nullable = false, columnDefinition = "text[]")
    private List<String> inheritsFrom;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String properties;

    @Column(name = "configuration_overrides", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String configurationOverrides;

    @Column(name = "retention_max_versions")
    private @Nullable Integer retentionMaxVersions;

    @Column(name = "retention_max_age_days")
    private @Nullable Integer retentionMaxAgeDays;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "created_by")
    private @Nullable String createdBy;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    protected Environment() {
        this.id = "";
        this.name = "";
        this.type = "";
        this.inheritsFrom = List.of();
        this.properties = "{}";
        this.configurationOverrides = "{}";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    Environment(String id, String createdBy, Instant now) {
        this();
        this.id = id;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
        this.active = true;
    }

    void apply(
            EnvironmentRequest request, String propertiesJson, String overridesJson, Instant now) {
        this.name = request.name();
        this.type = request.type();
        this.inheritsFrom = List.copyOf(request.inheritsFromOrEmpty());
        this.properties = propertiesJson;
        this.configurationOverrides = overridesJson;
        this.retentionMaxVersions =
                request.retention() == null ? null : request.retention().maxVersions();
        this.retentionMaxAgeDays =
                request.retention() == null ? null : request.retention().maxAgeDays();
        this.updatedAt = now;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    String type() {
        return type;
    }

    List<String> inheritsFrom() {
        return inheritsFrom;
    }

    String properties() {
        return properties;
    }

    String configurationOverrides() {
        return configurationOverrides;
    }

    @Nullable Integer retentionMaxVersions() {
        return retentionMaxVersions;
    }

    @Nullable Integer retentionMaxAgeDays() {
        return retentionMaxAgeDays;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    @Nullable String createdBy() {
        return createdBy;
    }

    boolean active() {
        return active;
    }

    @Override
    public String getId() {
        return id;
    }
}
