package io.configservice.credential;

import java.time.Instant;

/** Published inside the transaction that rotated a credential; it names the new version and never carries a value. */
public record CredentialRotated(String credentialKey, String serviceId, String environment, String rotationId,
        Instant rotatedAt, int version) {
}
