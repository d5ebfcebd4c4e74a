package io.configservice.crypto;

import io.configservice.health.ComponentHealth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultSysOperations;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.Ciphertext;
import org.springframework.vault.support.Plaintext;
import org.springframework.vault.support.VaultEncryptionResult;
import org.springframework.vault.support.VaultHealth;
import org.springframework.vault.support.VaultTransitKey;
import org.springframework.vault.support.VaultTransitKeyCreationRequest;
import org.springframework.web.client.RestClientResponseException;

/**
 * The key encryption key in Vault's transit engine: data keys are wrapped with {@code encrypt},
 * unwrapped with {@code decrypt} and moved to the newest key version with {@code rewrap}; the key
 * never leaves Vault. The key is created (type {@code aes256-gcm96}) on first use when it is
 * missing and the token may create it. Vault failures become {@link KeyUnavailableException}; a
 * ciphertext Vault rejects as altered becomes {@link KeyIntegrityException}.
 */
class VaultTransitKeyEncryptionKey implements KeyEncryptionKey {

    static final String MODE = "vault-transit";
    private static final Logger log = LoggerFactory.getLogger(VaultTransitKeyEncryptionKey.class);
    private static final String KEY_TYPE = "aes256-gcm96";
    private static final String PREFIX = "vault:v";

    /**
     * Vault's 400 answers that mean the ciphertext itself is bad (transit's path_decrypt.go and
     * policy.go).
     */
    private static final List<String> INTEGRITY_ERRORS =
            List.of(
                    "message authentication failed",
                    "invalid ciphertext",
                    "could not decode",
                    "version is too new",
                    "ciphertext or signature version is disallowed");

    private final VaultTransitOperations transit;
    private final VaultSysOperations sys;
    private final String keyName;
    private final String id;
    private volatile boolean keyPresent;

    VaultTransitKeyEncryptionKey(
            VaultTransitOperations transit, VaultSysOperations sys, String mount, String keyName) {
        this.transit = transit;
        this.sys = sys;
        this.keyName = keyName;
        this.id = MODE + ":" + mount + "/" + keyName;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * Makes sure the transit key exists, creating it if allowed; failures are logged and retried on
     * first use.
     */
    void prepare() {
        try {
            ensureKey();
        } catch (KeyUnavailableException e) {
            log.warn(
                    "Vault transit key '{}' is not usable yet ({}); credential operations answer 503 until it is",
                    keyName,
                    e.getMessage());
        }
    }

    @Override
    public WrappedKey wrap(byte[] dataKey) {
        ensureKey();
        Ciphertext ciphertext =
                call("encrypt", () -> transit.encrypt(keyName, Plaintext.of(dataKey)));
        return WrappedKey.parse(ciphertext.getCiphertext());
    }

    @Override
    public byte[] unwrap(String wrappedKey) {
        requireTransitFormat(wrappedKey);
        return call("decrypt", () -> transit.decrypt(keyName, Ciphertext.of(wrappedKey)))
                .getPlaintext();
    }

    @Override
    public List<@Nullable WrappedKey> rewrap(List<String> wrappedKeys) {
        if (wrappedKeys.isEmpty()) {
            return List.of();
        }
        List<Ciphertext> batch = new ArrayList<>(wrappedKeys.size());
        List<@Nullable WrappedKey> out = new ArrayList<>(wrappedKeys.size());
        for (String wrapped : wrappedKeys) {
            requireTransitFormat(wrapped);
            batch.add(Ciphertext.of(wrapped));
        }
        List<VaultEncryptionResult> results = call("rewrap", () -> transit.rewrap(keyName, batch));
        for (VaultEncryptionResult result : results) {
            if (result.isSuccessful()) {
                out.add(WrappedKey.parse(result.get().getCiphertext()));
            } else if (isIntegrityError(String.valueOf(result.getCause().getMessage()))) {
                out.add(null);
            } else {
                throw new KeyUnavailableException(
                        "Vault transit rewrap failed: " + result.getCause().getMessage());
            }
        }
        return out;
    }

    @Override
    public KeyInfo rotate() {
        ensureKey();
        run("rotate", () -> transit.rotate(keyName));
        KeyInfo info = info();
        log.info("Vault transit key '{}' rotated to version {}", keyName, info.latestVersion());
        return info;
    }

    @Override
    public KeyInfo info() {
        @Nullable VaultTransitKey key = call("read key", () -> transit.getKey(keyName));
        if (key == null) {
            return new KeyInfo(id, MODE, 0, List.of());
        }
        List<KeyInfo.Version> versions = new ArrayList<>();
        for (Map.Entry<String, Object> entry : key.getKeys().entrySet()) {
            int version = Integer.parseInt(entry.getKey());
            if (version >= key.getMinDecryptionVersion()) {
                versions.add(
                        new KeyInfo.Version(
                                version,
                                entry.getValue() instanceof Number seconds
                                        ? Instant.ofEpochSecond(seconds.longValue())
                                        : null));
            }
        }
        versions.sort(Comparator.comparingInt(KeyInfo.Version::version));
        return new KeyInfo(id, MODE, key.getLatestVersion(), versions);
    }

    @Override
    public ComponentHealth check() {
        long start = System.nanoTime();
        try {
            VaultHealth health = sys.health();
            if (!health.isInitialized() || health.isSealed()) {
                return ComponentHealth.unhealthy(
                        "keyEncryption",
                        MODE,
                        elapsed(start),
                        health.isSealed() ? "Vault is sealed" : "Vault is not initialized");
            }
            @Nullable VaultTransitKey key = transit.getKey(keyName);
            if (key == null) {
                return ComponentHealth.degraded(
                        "keyEncryption",
                        MODE,
                        elapsed(start),
                        "Transit key '"
                                + keyName
                                + "' does not exist yet; it is created on first use");
            }
            return key.supportsEncryption() && key.supportsDecryption()
                    ? ComponentHealth.healthy("keyEncryption", MODE, elapsed(start))
                    : ComponentHealth.unhealthy(
                            "keyEncryption",
                            MODE,
                            elapsed(start),
                            "Transit key '" + keyName + "' cannot encrypt and decrypt");
        } catch (RuntimeException e) {
            return ComponentHealth.unhealthy(
                    "keyEncryption", MODE, elapsed(start), "Vault transit unreachable");
        }
    }

    private void ensureKey() {
        if (keyPresent) {
            return;
        }
        @Nullable VaultTransitKey key = call("read key", () -> transit.getKey(keyName));
        if (key == null) {
            run(
                    "create key",
                    () ->
                            transit.createKey(
                                    keyName, VaultTransitKeyCreationRequest.ofKeyType(KEY_TYPE)));
            log.info("Created Vault transit key '{}' ({})", keyName, KEY_TYPE);
        } else if (!key.supportsEncryption() || !key.supportsDecryption() || key.isDerived()) {
            throw new KeyUnavailableException(
                    "Vault transit key '"
                            + keyName
                            + "' is of type "
                            + key.getType()
                            + (key.isDerived() ? " with key derivation" : "")
                            + "; an encryption key without derivation "
                            + "such as "
                            + KEY_TYPE
                            + " is needed");
        }
        keyPresent = true;
    }

    private static void requireTransitFormat(String wrappedKey) {
        if (!wrappedKey.startsWith(PREFIX)) {
            throw new KeyIntegrityException("Wrapped key was not made by Vault transit");
        }
        WrappedKey.parse(wrappedKey);
    }

    private void run(String operation, Runnable action) {
        call(
                operation,
                () -> {
                    action.run();
                    return Boolean.TRUE;
                });
    }

    private <T extends @Nullable Object> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (VaultException e) {
            String message = String.valueOf(e.getMessage());
            if (status(e) == 400 && isIntegrityError(message)) {
                throw new KeyIntegrityException(
                        "Vault transit " + operation + " rejected the ciphertext", e);
            }
            throw unavailable(operation, e);
        } catch (RuntimeException e) {
            throw unavailable(operation, e);
        }
    }

    private KeyUnavailableException unavailable(String operation, RuntimeException e) {
        log.warn("Vault transit {} with key '{}' failed: {}", operation, keyName, e.getMessage());
        return new KeyUnavailableException("Vault transit " + operation + " failed", e);
    }

    private static int status(VaultException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RestClientResponseException response) {
                return response.getStatusCode().value();
            }
        }
        String message = String.valueOf(e.getMessage());
        return message.startsWith("Status 400") ? 400 : -1;
    }

    private static boolean isIntegrityError(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return INTEGRITY_ERRORS.stream().anyMatch(lower::contains);
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
