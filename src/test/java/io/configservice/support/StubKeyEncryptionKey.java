package io.configservice.support;

import io.configservice.crypto.KeyEncryptionKey;
import io.configservice.crypto.KeyInfo;
import io.configservice.crypto.KeyUnavailableException;
import io.configservice.crypto.WrappedKey;
import io.configservice.health.ComponentHealth;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A key encryption key with the configured key's id that is unreachable ({@code unwrapped == null})
 * or unwraps every key to the same other bytes: how another replica with a Vault outage, or with
 * the wrong Vault key, would behave.
 */
public record StubKeyEncryptionKey(String id, byte @Nullable [] unwrapped)
        implements KeyEncryptionKey {

    /** Vault down: every call fails as a transit call to an unreachable Vault would. */
    public static StubKeyEncryptionKey unreachable(String id) {
        return new StubKeyEncryptionKey(id, null);
    }

    @Override
    public WrappedKey wrap(byte[] dataKey) {
        throw new KeyUnavailableException("Vault transit encrypt failed");
    }

    @Override
    public byte[] unwrap(String wrappedKey) {
        if (unwrapped == null) {
            throw new KeyUnavailableException("Vault transit decrypt failed");
        }
        return unwrapped.clone();
    }

    @Override
    public List<@Nullable WrappedKey> rewrap(List<String> wrappedKeys) {
        throw new KeyUnavailableException("Vault transit rewrap failed");
    }

    @Override
    public KeyInfo rotate() {
        throw new KeyUnavailableException("Vault transit rotate failed");
    }

    @Override
    public KeyInfo info() {
        throw new KeyUnavailableException("Vault transit read key failed");
    }

    @Override
    public ComponentHealth check() {
        return ComponentHealth.unhealthy("keyEncryption", "stub", 0, "unreachable");
    }
}
