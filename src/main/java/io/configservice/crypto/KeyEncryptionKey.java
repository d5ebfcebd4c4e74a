package io.configservice.crypto;

import io.configservice.health.DependencyCheck;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The key that wraps data keys (envelope encryption): Vault transit, or a local versioned key file.
 * A wrapped key carries the KEK version that wrapped it in the {@code <prefix>:v<N>:<base64>} form
 * Vault transit uses, so a rotated KEK still unwraps older data keys, and {@link #rewrap} moves
 * them to the newest version without revealing them.
 */
public interface KeyEncryptionKey extends DependencyCheck {

    /**
     * A stable name of this key, stored beside every wrapped data key, e.g. {@code
     * vault-transit:transit/my-key}.
     */
    String id();

    /**
     * @throws KeyUnavailableException when the key service cannot be reached or refuses the request
     */
    WrappedKey wrap(byte[] dataKey);

    /**
     * @throws KeyIntegrityException when the wrapped key was altered or names a version this key
     *     does not have
     * @throws KeyUnavailableException when the key service cannot be reached or refuses the request
     */
    byte[] unwrap(String wrappedKey);

    /**
     * Re-encrypts wrapped data keys under the newest KEK version without exposing them to the
     * caller. The answer has one entry per input, in order; an entry is {@code null} when that
     * wrapped key failed authentication.
     *
     * @throws KeyUnavailableException when the key service cannot be reached or refuses the request
     */
    List<@Nullable WrappedKey> rewrap(List<String> wrappedKeys);

    /**
     * Adds a new KEK version that wraps every data key from now on; older versions still unwrap.
     */
    KeyInfo rotate();

    /** The versions this key has. */
    KeyInfo info();
}
