package io.configservice.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What may be shown about a token: never the token or its hash. */
public record TokenMetadata(String id, @Nullable String serviceId, boolean admin, @Nullable String description,
        Instant createdAt, @Nullable String createdBy, @Nullable Instant expiresAt) {

    static TokenMetadata from(ServiceToken token) {
        return new TokenMetadata(token.id(), token.serviceId(), token.admin(), token.description(),
                token.createdAt(), token.createdBy(), token.expiresAt());
    }
}
