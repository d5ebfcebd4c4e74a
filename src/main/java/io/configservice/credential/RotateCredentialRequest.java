package io.configservice.credential;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/v1/credentials/{key}/rotate}; every member is optional.
 *
 * @param rotationPolicyId a policy to rotate by; it also becomes the credential's policy from now
 *     on
 * @param force rotate even while the previous version is still inside its grace period
 * @param value the new value; required for certificates and private keys, generated for the other
 *     types
 * @param expiresAt a new expiry for the credential
 */
public record RotateCredentialRequest(
        @Size(max = 100) @Nullable String rotationPolicyId,
        @Nullable Boolean force,
        @Size(min = 1) @Nullable String value,
        @Nullable Instant expiresAt) {

    static final RotateCredentialRequest NONE = new RotateCredentialRequest(null, null, null, null);

    boolean forced() {
        return Boolean.TRUE.equals(force);
    }

    @Override
    public String toString() {
        return "RotateCredentialRequest[rotationPolicyId="
                + rotationPolicyId
                + ", force="
                + force
                + "]";
    }
}
