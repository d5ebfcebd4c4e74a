package io.configservice.approval;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A change request as listed.
 *
 * @param serviceId the service of a configuration change; {@code null} for an environment overrides
 *     change
 * @param changeType {@code CREATE}, {@code UPDATE}, {@code DELETE}, {@code BATCH}, {@code ROLLBACK}
 *     or {@code OVERRIDES}
 * @param baseVersion the version a configuration change was computed from; {@code null} for a
 *     create or overrides
 * @param appliedVersion the version the change made once applied
 */
public record ApprovalSummary(
        UUID id,
        ApprovalStatus status,
        @Nullable String serviceId,
        String environment,
        String changeType,
        @Nullable Integer baseVersion,
        int requiredApprovals,
        int receivedApprovals,
        String requestedBy,
        Instant requestedAt,
        Instant expiresAt,
        @Nullable Instant completedAt,
        @Nullable Integer appliedVersion,
        String contentHash) {}
