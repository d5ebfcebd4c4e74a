package io.configservice.credential;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of {@code credential_access_log}: who did what to which credential, from where, and if it
 * was allowed.
 */
record CredentialAccess(
        @Nullable UUID credentialId,
        @Nullable String credentialKey,
        CredentialOperation operation,
        String actor,
        @Nullable String serviceId,
        @Nullable String ipAddress,
        @Nullable String userAgent,
        boolean granted,
        @Nullable String accessReason,
        @Nullable String failureReason,
        Instant accessedAt,
        long durationMs,
        Map<String, Object> metadata) {}
