package io.configservice.configuration;

import io.configservice.configuration.history.ChangeType;
import io.configservice.environment.AffectedEnvironment;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A held change whose approval is complete, to be applied as the next version.
 *
 * @param approvedBy the approvers, comma-separated, recorded in the history row
 * @param baseVersion the version the change must still apply to; {@code null} when it creates the
 *     configuration
 * @param emergencyReason set when an admin applies the change without the required approvals; the
 *     audit row of the new version then says {@code EMERGENCY}, with this reason and the admin as
 *     actor
 * @param emergencyActor the admin applying in an emergency; {@code null} otherwise
 * @param affected the environments the change was requested for, each with the effective revision
 *     it must still have
 */
public record ApprovedChange(
        UUID approvalId,
        String requestedBy,
        String approvedBy,
        String serviceId,
        String environment,
        ChangeType changeType,
        @Nullable Integer baseVersion,
        String proposedDocument,
        @Nullable String reason,
        @Nullable Integer rollbackSourceVersion,
        @Nullable String emergencyReason,
        @Nullable String emergencyActor,
        List<AffectedEnvironment> affected) {}
