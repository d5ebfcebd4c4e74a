package io.configservice.approval;

import io.configservice.configuration.ChangeType;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A change request as listed.
 *
 * @param baseVersion the version the change was computed from; {@code null} when it creates the configuration
 * @param appliedVersion the version the change made once applied
 */
public record ApprovalSummary(UUID id, ApprovalStatus status, String serviceId, String environment,
        ChangeType changeType, @Nullable Integer baseVersion, int requiredApprovals, int receivedApprovals,
        String requestedBy, Instant requestedAt, Instant expiresAt, @Nullable Instant completedAt,
        @Nullable Integer appliedVersion, String contentHash) {
}
