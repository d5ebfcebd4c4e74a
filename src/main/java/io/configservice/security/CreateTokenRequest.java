package io.configservice.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/tokens}: the service the new token is bound to, what it may do there (default
 * {@code config:read}, {@code credentials:read}, {@code events:subscribe}) and when it stops working (never, if
 * absent).
 */
public record CreateTokenRequest(
        @NotNull @Pattern(regexp = "^[a-z0-9-]{1,100}$", message = "must match ^[a-z0-9-]{1,100}$") String serviceId,
        @Nullable Set<Scope> scopes,
        @Nullable Instant expiresAt,
        @Size(max = 500) @Nullable String description) {
}
