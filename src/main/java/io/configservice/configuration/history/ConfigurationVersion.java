package io.configservice.configuration.history;

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
 * One immutable version of a service's configuration in one environment (table {@code
 * service_configurations}).
 */
@Entity
@Table(name = "service_configurations")
public class ConfigurationVersion extends AssignedIdEntity<UUID> {

    @Id private UUID id;

    @Column(name = "service_id", nullable = false)
    private String serviceId;

    @Column(nullable = false)
    private String environment;

    @Column(name = "configuration_data", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String configurationData;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by")
    private @Nullable String createdBy;

    @Column(name = "updated_by")
    private @Nullable String updatedBy;

    @Column(nullable = false)
    private int version;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(nullable = false)
    private String checksum;

    protected ConfigurationVersion() {
        this.id = new UUID(0, 0);
        this.serviceId = "";
        this.environment = "";
        this.configurationData = "{}";
        this.createdAt = Instant.EPOCH;
        this.checksum = "";
    }

    public ConfigurationVersion(
            String serviceId,
            String environment,
            int version,
            String canonicalJson,
            String checksum,
            String actor,
            Instant createdAt) {
        this.id = UUID.randomUUID();
        this.serviceId = serviceId;
        this.environment = environment;
        this.version = version;
        this.configurationData = canonicalJson;
        this.checksum = checksum;
        this.createdBy = actor;
        this.updatedBy = actor;
        this.createdAt = createdAt;
        this.active = true;
    }

    UUID id() {
        return id;
    }

    public String serviceId() {
        return serviceId;
    }

    public String environment() {
        return environment;
    }

    public String configurationData() {
        return configurationData;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public @Nullable String updatedBy() {
        return updatedBy;
    }

    public int version() {
        return version;
    }

    public String checksum() {
        return checksum;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
