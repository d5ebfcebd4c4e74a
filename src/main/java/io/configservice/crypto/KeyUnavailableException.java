package io.configservice.crypto;

/**
 * The key encryption key cannot be used right now: Vault is unreachable, sealed, or refuses this
 * token.
 */
public class KeyUnavailableException extends RuntimeException {

    public KeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeyUnavailableException(String message) {
        super(message);
    }
}
