package io.configservice.security;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** What may be shown about a token: never the token or its hash. */
public record TokenMetadata(
        String id,
        @Nullable String serviceId,
        boolean admin,
        Set<String> scopes,
        @Nullable String description,
        Instant createdAt,
        @Nullable String createdBy,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt) {

    static TokenMetadata from(ServiceToken token) {
        Set<String> scopes = new TreeSet<>();
        token.scopes().forEach(scope -> scopes.add(scope.wire()));
        return new TokenMetadata(
                token.id(),
                token.serviceId(),
                token.admin(),
                scopes,
                token.description(),
                token.createdAt(),
                token.createdBy(),
                token.expiresAt(),
                token.lastUsedAt());
    }
}
