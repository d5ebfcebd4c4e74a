package io.configservice.credential;

import io.configservice.identifiers.Identifiers;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/credentials} (the spec's {@code StoreCredentialRequest}).
 *
 * @param sensitivity defaults to {@code confidential}
 * @param rotationPolicyId the policy that rotates this credential on a schedule, if any
 */
public record StoreCredentialRequest(
        @NotNull
                @Size(min = 1, max = Identifiers.CREDENTIAL_KEY_MAX_LENGTH)
                @Pattern(
                        regexp = Identifiers.CREDENTIAL_KEY_CHARACTERS,
                        message = "must match " + Identifiers.CREDENTIAL_KEY_CHARACTERS)
                String key,
        @NotEmpty String value,
        @NotNull
                @Pattern(
                        regexp = CredentialType.PATTERN,
                        message =
                                "must be one of api_key, database_password, certificate, private_key, token, symmetric_key")
                String type,
        @NotNull
                @Pattern(
                        regexp = Identifiers.SERVICE_ID,
                        message = "must match " + Identifiers.SERVICE_ID)
                String serviceId,
        @NotNull @Size(min = 1, max = 50) String environment,
        @Size(max = 2000) @Nullable String description,
        @Pattern(
                        regexp = Sensitivity.PATTERN,
                        message =
                                "must be one of public, internal, confidential, restricted, top_secret")
                @Nullable String sensitivity,
        @Nullable Instant expiresAt,
        @Size(max = 50) @Nullable Map<String, Object> tags,
        @Size(max = 100) @Nullable String rotationPolicyId) {

    @Override
    public String toString() {
        return "StoreCredentialRequest[key="
                + key
                + ", type="
                + type
                + ", serviceId="
                + serviceId
                + ", environment="
                + environment
                + "]";
    }
}
