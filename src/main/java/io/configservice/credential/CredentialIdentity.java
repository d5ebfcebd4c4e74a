package io.configservice.credential;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What binds a credential's ciphertexts (their additional authenticated data), names it in audit
 * rows and security events, and decides whether it may still be read: the stored entity and the hot
 * read path's row both have it.
 */
interface CredentialIdentity {

    UUID id();

    String key();

    String serviceId();

    String environment();

    @Nullable Instant expiresAt();

    default boolean expiredAt(Instant now) {
        Instant expiresAt = expiresAt();
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
