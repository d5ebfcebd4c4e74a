package io.configservice.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stored version of a credential, without its value.
 *
 * @param state {@code current}, {@code previous} (readable until {@code graceUntil}) or {@code
 *     destroyed}
 * @param keyId the key encryption key that wraps this version's data key
 * @param keyVersion the version of that key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialVersionMetadata(
        int version,
        String state,
        Instant createdAt,
        @Nullable String createdBy,
        @Nullable String rotationId,
        @Nullable Instant graceUntil,
        @Nullable Instant destroyedAt,
        String keyId,
        int keyVersion,
        String algorithm) {}
