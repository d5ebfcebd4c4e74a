package io.configservice.security;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A newly issued token; the only time the token itself is ever shown. */
public record CreatedToken(
        String id,
        String token,
        String serviceId,
        Set<String> scopes,
        @Nullable String description,
        Instant createdAt,
        @Nullable Instant expiresAt) {

    @Override
    public String toString() {
        return "CreatedToken[id="
                + id
                + ", serviceId="
                + serviceId
                + ", scopes="
                + scopes
                + ", createdAt="
                + createdAt
                + ", expiresAt="
                + expiresAt
                + "]";
    }
}
