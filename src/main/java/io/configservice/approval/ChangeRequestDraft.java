package io.configservice.approval;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Everything a new change request row is made of: what it changes and proposes, its policy's terms
 * and its hash.
 *
 * @param changeType a configuration {@code ChangeType} name, or {@link ChangeApproval#OVERRIDES}
 * @param serviceId the service of a configuration change; {@code null} for an overrides change
 * @param baseVersion the configuration version a change was computed from; {@code null} for a
 *     create or overrides
 * @param baseUpdatedAt the environment's last change before an overrides change; {@code null}
 *     otherwise
 * @param terms the strictest policy of the affected environments
 * @param affectedJson the affected environments as a JSON array of {@link AffectedEnvironment}
 */
record ChangeRequestDraft(
        String changeType,
        @Nullable String serviceId,
        String environment,
        @Nullable Integer baseVersion,
        @Nullable Instant baseUpdatedAt,
        String proposedDocument,
        String diffJson,
        @Nullable String reason,
        @Nullable Integer rollbackSourceVersion,
        String requestedBy,
        ApprovalTerms terms,
        Instant requestedAt,
        String contentHash,
        String affectedJson) {}
