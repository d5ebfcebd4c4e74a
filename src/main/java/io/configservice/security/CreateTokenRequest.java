package io.configservice.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Body of {@code POST /api/v1/tokens}: the service the new token is bound to. */
public record CreateTokenRequest(
        @NotNull @Pattern(regexp = "^[a-z0-9-]{1,100}$", message = "must match ^[a-z0-9-]{1,100}$") String serviceId,
        @Size(max = 500) @Nullable String description) {
}
