package io.configservice.crypto;

import io.configservice.health.DependencyCheck;

/**
 * The key that wraps data keys (envelope encryption). Wrapped keys carry the KEK version that wrapped them, in the
 * {@code <prefix>:v<N>:<base64>} form Vault transit uses, so a rotated KEK still unwraps older data keys.
 */
public interface KeyEncryptionKey extends DependencyCheck {

    /** Wraps a data key; {@code context} is bound to the result as additional authenticated data. */
    String wrap(byte[] dataKey, byte[] context);

    /** @throws KeyIntegrityException when the wrapped key or its context was altered */
    byte[] unwrap(String wrappedKey, byte[] context);
}
