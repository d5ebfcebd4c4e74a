package io.configservice.crypto;

/**
 * A value encrypted under its own data key: AES-256-GCM ciphertext (tag appended), the 96-bit
 * nonce, the data key wrapped by the key encryption key, that key's id and version, and the
 * algorithm name.
 */
public record SealedValue(
        byte[] ciphertext,
        byte[] nonce,
        String wrappedKey,
        String keyId,
        int keyVersion,
        String algorithm) {

    @Override
    public String toString() {
        return "SealedValue[keyId="
                + keyId
                + ", keyVersion="
                + keyVersion
                + ", algorithm="
                + algorithm
                + "]";
    }
}
