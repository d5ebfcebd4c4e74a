package io.configservice.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the API says about a credential (the spec's {@code CredentialMetadata}); never its value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialMetadata(
        UUID id,
        String key,
        String type,
        String serviceId,
        String environment,
        @Nullable String description,
        String sensitivity,
        int version,
        Map<String, Object> tags,
        @Nullable String rotationPolicyId,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant expiresAt,
        @Nullable Instant rotatedAt,
        @Nullable Instant nextRotationAt,
        @Nullable String createdBy,
        boolean approvalRequired) {}
