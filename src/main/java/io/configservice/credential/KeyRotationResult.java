package io.configservice.credential;

/**
 * The outcome of a key encryption key rotation or rewrap.
 *
 * @param rewrapped data keys (and the audit chain key) moved to {@code latestVersion}
 * @param failed data keys (or the audit chain key) that failed authentication and were left as they were (logged as
 *     security events)
 */
public record KeyRotationResult(String keyId, int previousVersion, int latestVersion, int rewrapped, int failed) {
}
