package io.configservice.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One credential access (granted or not) as the audit API shows it; never a value. */
public record CredentialAuditEntry(String id, @Nullable String credentialId, @Nullable String credentialKey,
        String operation, @Nullable String actor, @Nullable String serviceId, @Nullable String ipAddress,
        @Nullable String userAgent, boolean granted, @Nullable String accessReason, @Nullable String failureReason,
        @Nullable Instant accessedAt, @Nullable Integer durationMs, @Nullable Long chainSeq, @Nullable String hash) {
}
