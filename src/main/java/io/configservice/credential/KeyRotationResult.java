package io.configservice.credential;

/**
 * The outcome of a key encryption key rotation or rewrap.
 *
 * @param rewrapped data keys and deployment keys (audit chain key, push signing key) moved to
 *     {@code latestVersion}
 * @param failed data keys and deployment keys that failed authentication and were left as they were
 *     (logged as security events)
 */
public record KeyRotationResult(
        String keyId, int previousVersion, int latestVersion, int rewrapped, int failed) {}
