package io.configservice.credential;

import io.configservice.identifiers.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST} and {@code PUT /api/v1/rotation-policies}: durations are ISO-8601 ({@code
 * P30D}, {@code PT24H}); generator settings left out take their defaults.
 */
public record RotationPolicyRequest(
        @NotBlank
                @Size(max = 100)
                @Pattern(
                        regexp = Identifiers.CREDENTIAL_KEY_CHARACTERS,
                        message = "must match " + Identifiers.CREDENTIAL_KEY_CHARACTERS)
                String name,
        @Size(max = 2000) @Nullable String description,
        @NotNull String rotationInterval,
        @Nullable String gracePeriod,
        @Valid @Nullable Generator generator) {

    /** Generator settings; each one is optional. */
    public record Generator(
            @Min(16) @Max(512) @Nullable Integer apiKeyLength,
            @Min(12) @Max(256) @Nullable Integer passwordLength,
            @Nullable Boolean passwordUppercase,
            @Nullable Boolean passwordLowercase,
            @Nullable Boolean passwordDigits,
            @Nullable Boolean passwordSymbols,
            @Nullable Integer keyLengthBits,
            @Min(16) @Max(256) @Nullable Integer tokenBytes) {}
}
