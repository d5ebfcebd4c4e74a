package io.configservice.configuration.history;

import io.configservice.persistence.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * Why and by whom a configuration version was made (table {@code configuration_history}, one row
 * per version).
 */
@Entity
@Table(name = "configuration_history")
public class ConfigurationHistory extends AssignedIdEntity<UUID> {

    @Id private UUID id;

    @Column(name = "service_id", nullable = false)
    private String serviceId;

    @Column(nullable = false)
    private String environment;

    @Column(nullable = false)
    private int version;

    @Column(name = "configuration_data", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String configurationData;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_type", nullable = false)
    private ChangeType changeType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "changed_keys", nullable = false, columnDefinition = "text[]")
    private List<String> changedKeys;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String changes;

    @Column(name = "change_reason")
    private @Nullable String changeReason;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    @Column(name = "changed_by")
    private @Nullable String changedBy;

    @Column(name = "approved_by")
    private @Nullable String approvedBy;

    @Column(name = "approval_id")
    private @Nullable UUID approvalId;

    @Column(name = "rollback_id")
    private @Nullable UUID rollbackId;

    @Column(name = "rollback_source_version")
    private @Nullable Integer rollbackSourceVersion;

    protected ConfigurationHistory() {
        this.id = new UUID(0, 0);
        this.serviceId = "";
        this.environment = "";
        this.configurationData = "{}";
        this.changeType = ChangeType.UPDATE;
        this.changedKeys = List.of();
        this.changes = "[]";
        this.changedAt = Instant.EPOCH;
    }

    public ConfigurationHistory(
            ConfigurationVersion version,
            ChangeType changeType,
            List<String> changedKeys,
            String changesJson,
            @Nullable String changeReason,
            @Nullable ConfigurationVersion rollbackSource) {
        this.id = UUID.randomUUID();
        this.serviceId = version.serviceId();
        this.environment = version.environment();
        this.version = version.version();
        this.configurationData = version.configurationData();
        this.changeType = changeType;
        this.changedKeys = changedKeys;
        this.changes = changesJson;
        this.changeReason = changeReason;
        this.changedAt = version.createdAt();
        this.changedBy = version.updatedBy();
        this.rollbackId = rollbackSource == null ? null : rollbackSource.id();
        this.rollbackSourceVersion = rollbackSource == null ? null : rollbackSource.version();
    }

    /** Records the change request that approved this version and who approved it. */
    public void approvedThrough(UUID approvalId, String approvedBy) {
        this.approvalId = approvalId;
        this.approvedBy = approvedBy;
    }

    public int version() {
        return version;
    }

    public ChangeType changeType() {
        return changeType;
    }

    List<String> changedKeys() {
        return changedKeys;
    }

    public @Nullable String changeReason() {
        return changeReason;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public @Nullable String changedBy() {
        return changedBy;
    }

    public String changes() {
        return changes;
    }

    @Nullable Integer rollbackSourceVersion() {
        return rollbackSourceVersion;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
