package io.configservice.audit;

import io.configservice.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * How a sealed row's hash is computed from the previous row's hash and the row's canonical text:
 * the bytes {@code prev_hash ‖ '\n' ‖ canonical row} (ASCII hex, then UTF-8) go through SHA-256 for
 * rows sealed before the chain key existed ({@link #legacySha256()}), and through HMAC-SHA256 under
 * the chain key for every row after. Not thread-safe: each walk or batch takes its own.
 */
interface ChainLink {

    String link(String prevHash, String canonical);

    static ChainLink legacySha256() {
        MessageDigest sha256 = Sha256.newDigest();
        return (prevHash, canonical) -> {
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            return HexFormat.of()
                    .formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        };
    }

    static ChainLink hmacSha256(SecretKey key) {
        Mac mac =
                instance(
                        () -> {
                            Mac hmac = Mac.getInstance(ChainKey.ALGORITHM);
                            hmac.init(key);
                            return hmac;
                        });
        return (prevHash, canonical) -> {
            mac.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '\n');
            return HexFormat.of()
                    .formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static <T> T instance(Factory<T> factory) {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Creates a JCA object that may throw a checked exception. */
    @FunctionalInterface
    interface Factory<T> {
        T create() throws GeneralSecurityException;
    }
}
