package io.configservice.security;

import io.configservice.identifiers.Identifiers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/tokens}: the service the new token is bound to, what it may do there
 * (default {@code config:read}, {@code credentials:read}, {@code events:subscribe}) and when it
 * stops working (never, if absent).
 */
public record CreateTokenRequest(
        @NotNull
                @Pattern(
                        regexp = Identifiers.SERVICE_ID,
                        message = "must match " + Identifiers.SERVICE_ID)
                String serviceId,
        @Nullable Set<Scope> scopes,
        @Nullable Instant expiresAt,
        @Size(max = 500) @Nullable String description) {}
