package io.configservice.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of small values: every {@link #seal} draws a fresh 256-bit data key and a
 * 96-bit random nonce, encrypts with AES-256-GCM over the caller's additional authenticated data,
 * and keeps only the data key wrapped by the {@link KeyEncryptionKey}. Plaintext data keys live
 * only in memory (and, when enabled, in the bounded in-process {@link DataKeyCache}).
 */
public class EnvelopeCipher {

    public static final String ALGORITHM = "AES-256-GCM";
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One AES-GCM cipher per thread: {@code Cipher.getInstance} looks the provider up on every call
     * (3 % of the CPU of a credential read); {@code init} resets the cipher for every operation,
     * each with its own key and nonce.
     */
    private static final ThreadLocal<Cipher> CIPHERS =
            ThreadLocal.withInitial(
                    () -> {
                        try {
                            return Cipher.getInstance("AES/GCM/NoPadding");
                        } catch (GeneralSecurityException e) {
                            throw new IllegalStateException("AES-GCM is not available", e);
                        }
                    });

    private final KeyEncryptionKey kek;
    private final DataKeyCache cache;

    EnvelopeCipher(KeyEncryptionKey kek, DataKeyCache cache) {
        this.kek = kek;
        this.cache = cache;
    }

    /**
     * Encrypts a value under a new data key bound to {@code associatedData}.
     *
     * @throws KeyUnavailableException when the key encryption key cannot wrap the data key
     */
    public SealedValue seal(byte[] plaintext, byte[] associatedData) {
        byte[] dataKey = new byte[KEY_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(dataKey);
        RANDOM.nextBytes(nonce);
        try {
            byte[] ciphertext =
                    crypt(Cipher.ENCRYPT_MODE, dataKey, nonce, associatedData, plaintext);
            WrappedKey wrapped = kek.wrap(dataKey);
            return new SealedValue(
                    ciphertext,
                    nonce,
                    wrapped.ciphertext(),
                    kek.id(),
                    wrapped.version(),
                    ALGORITHM);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("AES-GCM failed while encrypting", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Decrypts a sealed value; {@code associatedData} must equal what it was sealed with.
     *
     * @throws KeyIntegrityException when the ciphertext, nonce, wrapped key or associated data was
     *     altered
     * @throws KeyUnavailableException when the key encryption key cannot unwrap the data key, or
     *     the value was sealed under a different key encryption key than the one configured
     */
    public byte[] open(SealedValue sealed, byte[] associatedData) {
        if (!ALGORITHM.equals(sealed.algorithm())) {
            throw new KeyIntegrityException("Sealed value names an unsupported algorithm");
        }
        if (!kek.id().equals(sealed.keyId())) {
            throw new KeyUnavailableException(
                    "The value was sealed under key encryption key '"
                            + sealed.keyId()
                            + "' but '"
                            + kek.id()
                            + "' is configured");
        }
        if (sealed.nonce().length != NONCE_BYTES || sealed.ciphertext().length < TAG_BITS / 8) {
            throw new KeyIntegrityException("Sealed value has a malformed nonce or ciphertext");
        }
        byte[] dataKey = dataKey(sealed.wrappedKey());
        try {
            return crypt(
                    Cipher.DECRYPT_MODE,
                    dataKey,
                    sealed.nonce(),
                    associatedData,
                    sealed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new KeyIntegrityException("Sealed value failed authentication", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Drops a data key from the in-process cache, e.g. when its wrapped form is destroyed. */
    public void forget(String wrappedKey) {
        cache.evict(wrappedKey);
    }

    private byte[] dataKey(String wrappedKey) {
        byte[] cached = cache.get(wrappedKey);
        if (cached != null) {
            return cached;
        }
        byte[] dataKey = kek.unwrap(wrappedKey);
        if (dataKey.length != KEY_BYTES) {
            Arrays.fill(dataKey, (byte) 0);
            throw new KeyIntegrityException("Unwrapped data key has the wrong length");
        }
        cache.put(wrappedKey, dataKey);
        return dataKey;
    }

    private static byte[] crypt(
            int mode, byte[] dataKey, byte[] nonce, byte[] associatedData, byte[] input)
            throws AEADBadTagException {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(
                    mode, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
