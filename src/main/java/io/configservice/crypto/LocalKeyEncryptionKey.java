package io.configservice.crypto;

import io.configservice.health.ComponentHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local AES-256 key encryption key in {@code <data-dir>/master.key} (mode 0600), used when no Vault is configured.
 * The file holds one {@code <version>:<base64 key>} line per key version; the highest version wraps new keys.
 */
class LocalKeyEncryptionKey implements KeyEncryptionKey {

    private static final String PREFIX = "local";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final TreeMap<Integer, SecretKey> versions;

    LocalKeyEncryptionKey(Path file) {
        this.file = file;
        this.versions = loadOrCreate(file);
    }

    Path file() {
        return file;
    }

    @Override
    public String wrap(byte[] dataKey, byte[] context) {
        Map.Entry<Integer, SecretKey> latest = versions.lastEntry();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, latest.getValue(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context);
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + ":v" + latest.getKey() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public byte[] unwrap(String wrappedKey, byte[] context) {
        String[] parts = wrappedKey.split(":", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0]) || !parts[1].startsWith("v")) {
            throw new KeyIntegrityException("Wrapped key is malformed");
        }
        SecretKey key;
        byte[] in;
        try {
            key = versions.get(Integer.parseInt(parts[1].substring(1)));
            in = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new KeyIntegrityException("Wrapped key is malformed", e);
        }
        if (key == null || in.length <= NONCE_BYTES) {
            throw new KeyIntegrityException("Wrapped key names an unknown key version or is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context);
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new KeyIntegrityException("Wrapped key failed authentication", e);
        }
    }

    @Override
    public ComponentHealth check() {
        long start = System.nanoTime();
        byte[] probe = new byte[32];
        RANDOM.nextBytes(probe);
        byte[] context = "health".getBytes(StandardCharsets.UTF_8);
        boolean roundTrips = Arrays.equals(probe, unwrap(wrap(probe, context), context));
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return roundTrips
                ? ComponentHealth.healthy("keyEncryption", "local-file", elapsed)
                : ComponentHealth.unhealthy("keyEncryption", "local-file", elapsed, "Key round trip failed");
    }

    private static TreeMap<Integer, SecretKey> loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            TreeMap<Integer, SecretKey> keys = new TreeMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(":", 2);
                byte[] key = Base64.getDecoder().decode(parts[1]);
                if (key.length != 32) {
                    throw new IllegalStateException("Master key file " + file + " holds a key that is not 256 bits");
                }
                keys.put(Integer.parseInt(parts[0]), new SecretKeySpec(key, "AES"));
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException("Master key file " + file + " holds no key");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create master key file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, "1:" + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    }
}
