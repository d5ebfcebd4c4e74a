package io.configservice.crypto;

/**
 * A data key encrypted by the key encryption key, in the {@code <prefix>:v<N>:<base64>} form, and
 * the KEK version N.
 */
public record WrappedKey(String ciphertext, int version) {

    /** Reads the KEK version out of a wrapped key. */
    static WrappedKey parse(String ciphertext) {
        String[] parts = ciphertext.split(":", 3);
        if (parts.length != 3 || parts[1].length() < 2 || parts[1].charAt(0) != 'v') {
            throw new KeyIntegrityException("Wrapped key is malformed");
        }
        try {
            int version = Integer.parseInt(parts[1].substring(1));
            if (version < 0) {
                throw new KeyIntegrityException("Wrapped key names a negative key version");
            }
            return new WrappedKey(ciphertext, Math.max(version, 1));
        } catch (NumberFormatException e) {
            throw new KeyIntegrityException("Wrapped key version is not a number", e);
        }
    }

    @Override
    public String toString() {
        return "WrappedKey[version=" + version + "]";
    }
}
