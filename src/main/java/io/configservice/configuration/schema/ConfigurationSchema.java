package io.configservice.configuration.schema;

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
 * One version of a service's JSON Schema (table {@code configuration_schemas}); the newest active
 * one applies.
 */
@Entity
@Table(name = "configuration_schemas")
class ConfigurationSchema extends AssignedIdEntity<UUID> {

    @Id private UUID id;

    @Column(name = "service_id", nullable = false)
    private String serviceId;

    @Column(name = "schema_version", nullable = false)
    private String schemaVersion;

    @Column(name = "schema_definition", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String schemaDefinition;

    private @Nullable String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by")
    private @Nullable String createdBy;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    protected ConfigurationSchema() {
        this.id = new UUID(0, 0);
        this.serviceId = "";
        this.schemaVersion = "";
        this.schemaDefinition = "{}";
        this.createdAt = Instant.EPOCH;
    }

    ConfigurationSchema(
            String serviceId,
            int version,
            String schemaDefinition,
            @Nullable String description,
            String createdBy,
            Instant createdAt) {
        this.id = UUID.randomUUID();
        this.serviceId = serviceId;
        this.schemaVersion = Integer.toString(version);
        this.schemaDefinition = schemaDefinition;
        this.description = description;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.active = true;
    }

    String serviceId() {
        return serviceId;
    }

    int version() {
        return Integer.parseInt(schemaVersion);
    }

    String schemaDefinition() {
        return schemaDefinition;
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

    @Override
    public UUID getId() {
        return id;
    }
}
