package io.configservice.client;

/**
 * Receives a credential's new value after a {@code credential_rotated} event, for example to swap a
 * pool password.
 */
@FunctionalInterface
public interface CredentialRotationListener {

    void credentialRotated(CredentialValue current);
}
