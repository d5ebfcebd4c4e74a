package io.configservice.credential;

import io.configservice.crypto.SealedValue;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A live credential with its current version, as {@link CurrentCredentialQuery} reads them for a
 * value read: no JPA entity, only what the read needs. {@code version} and {@code sealed} are null
 * when the credential has no current version.
 */
record CurrentCredential(
        UUID id,
        String key,
        String serviceId,
        String environment,
        @Nullable Instant expiresAt,
        @Nullable Integer version,
        @Nullable SealedValue sealed)
        implements CredentialIdentity {}
