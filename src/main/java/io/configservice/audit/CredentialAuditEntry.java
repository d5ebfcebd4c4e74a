package io.configservice.audit;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One credential access (granted or not), token or rotation policy change, or key encryption key
 * operation as the audit API shows it; never a value.
 *
 * @param details what the operation was about beyond the columns: the caller's own service, the
 *     environment and version of a credential, the token id and scopes of a token, the settings of
 *     a rotation policy, the key id and counts of a key rotation
 */
public record CredentialAuditEntry(
        String id,
        @Nullable String credentialId,
        @Nullable String credentialKey,
        String operation,
        @Nullable String actor,
        @Nullable String serviceId,
        @Nullable String ipAddress,
        @Nullable String userAgent,
        boolean granted,
        @Nullable String accessReason,
        @Nullable String failureReason,
        @Nullable Instant accessedAt,
        @Nullable Integer durationMs,
        Map<String, Object> details,
        @Nullable Long chainSeq,
        @Nullable String hash) {}
