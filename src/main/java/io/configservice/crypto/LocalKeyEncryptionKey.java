package io.configservice.crypto;

import io.configservice.health.ComponentHealth;
import io.configservice.persistence.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local AES-256 key encryption key in {@code <data-dir>/master.key} (mode 0600), used when no
 * Vault is configured. The file holds one {@code <version>:<base64 key>[:<created epoch seconds>]}
 * line per key version; the highest version wraps new keys. Rotation appends a version by writing a
 * new file beside the old one and moving it into place atomically, so a crash leaves either the old
 * or the new file, never a torn one.
 */
class LocalKeyEncryptionKey implements KeyEncryptionKey {

    static final String MODE = "local-file";
    private static final Logger log = LoggerFactory.getLogger(LocalKeyEncryptionKey.class);
    private static final String PREFIX = "local";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /**
     * Binds every wrapped key to its purpose, so a ciphertext of this key made for anything else
     * never unwraps.
     */
    private static final byte[] PURPOSE =
            "configservice/data-key".getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final String id;
    private volatile NavigableMap<Integer, KeyVersion> versions;

    LocalKeyEncryptionKey(Path file) {
        this.file = file;
        this.versions = loadOrCreate(file);
        this.id = MODE + ":" + fingerprint(versions.firstEntry().getValue().key());
    }

    Path file() {
        return file;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public WrappedKey wrap(byte[] dataKey) {
        Map.Entry<Integer, KeyVersion> latest = versions.lastEntry();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(latest.getValue().key(), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(PURPOSE);
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return new WrappedKey(
                    PREFIX + ":v" + latest.getKey() + ":" + Base64.getEncoder().encodeToString(out),
                    latest.getKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public byte[] unwrap(String wrappedKey) {
        WrappedKey parsed = WrappedKey.parse(wrappedKey);
        if (!wrappedKey.startsWith(PREFIX + ":")) {
            throw new KeyIntegrityException(
                    "Wrapped key was not made by the local key encryption key");
        }
        KeyVersion key = versions.get(parsed.version());
        byte[] in;
        try {
            in =
                    Base64.getDecoder()
                            .decode(
                                    wrappedKey.substring(
                                            wrappedKey.indexOf(':', PREFIX.length() + 1) + 1));
        } catch (IllegalArgumentException e) {
            throw new KeyIntegrityException("Wrapped key is not base64", e);
        }
        if (key == null) {
            throw new KeyIntegrityException(
                    "Wrapped key names key version "
                            + parsed.version()
                            + ", which the local key file does not hold");
        }
        if (in.length <= NONCE_BYTES + TAG_BITS / 8) {
            throw new KeyIntegrityException("Wrapped key is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key.key(), "AES"),
                    new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(PURPOSE);
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new KeyIntegrityException("Wrapped key failed authentication", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public List<@Nullable WrappedKey> rewrap(List<String> wrappedKeys) {
        List<@Nullable WrappedKey> out = new ArrayList<>(wrappedKeys.size());
        for (String wrapped : wrappedKeys) {
            byte[] dataKey = null;
            try {
                dataKey = unwrap(wrapped);
                out.add(wrap(dataKey));
            } catch (KeyIntegrityException e) {
                out.add(null);
            } finally {
                if (dataKey != null) {
                    Arrays.fill(dataKey, (byte) 0);
                }
            }
        }
        return out;
    }

    /**
     * Appends a new key version to the file (re-read first, so a version another process added is
     * kept).
     */
    @Override
    public synchronized KeyInfo rotate() {
        NavigableMap<Integer, KeyVersion> current = new TreeMap<>(read(file));
        current.putAll(versions);
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        int next = current.lastKey() + 1;
        current.put(next, new KeyVersion(key, Instant.now()));
        try {
            PrivateFiles.writeAtomically(file, format(current));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write master key file " + file, e);
        }
        versions = Collections.unmodifiableNavigableMap(current);
        log.info(
                "Local key encryption key rotated to version {} in {}",
                next,
                file.toAbsolutePath().normalize());
        return info();
    }

    @Override
    public KeyInfo info() {
        NavigableMap<Integer, KeyVersion> snapshot = versions;
        List<KeyInfo.Version> list =
                snapshot.entrySet().stream()
                        .map(e -> new KeyInfo.Version(e.getKey(), e.getValue().createdAt()))
                        .toList();
        return new KeyInfo(id, MODE, snapshot.lastKey(), list);
    }

    @Override
    public ComponentHealth check() {
        long start = System.nanoTime();
        byte[] probe = new byte[KEY_BYTES];
        RANDOM.nextBytes(probe);
        boolean roundTrips;
        try {
            roundTrips = Arrays.equals(probe, unwrap(wrap(probe).ciphertext()));
        } catch (RuntimeException e) {
            roundTrips = false;
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return roundTrips
                ? ComponentHealth.healthy("keyEncryption", MODE, elapsed)
                : ComponentHealth.unhealthy(
                        "keyEncryption", MODE, elapsed, "Key round trip failed");
    }

    private static NavigableMap<Integer, KeyVersion> loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            } else {
                warnIfReadableByOthers(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create master key file " + file, e);
        }
        return Collections.unmodifiableNavigableMap(read(file));
    }

    private static NavigableMap<Integer, KeyVersion> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read master key file " + file, e);
        }
        TreeMap<Integer, KeyVersion> keys = new TreeMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalStateException(
                        "Master key file " + file + " has a malformed line");
            }
            byte[] key;
            int version;
            try {
                key = Base64.getDecoder().decode(parts[1]);
                version = Integer.parseInt(parts[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "Master key file " + file + " has a malformed line", e);
            }
            if (key.length != KEY_BYTES || version < 1) {
                throw new IllegalStateException(
                        "Master key file " + file + " holds a key that is not 256 bits");
            }
            Instant created =
                    parts.length == 3 ? Instant.ofEpochSecond(Long.parseLong(parts[2])) : null;
            keys.put(version, new KeyVersion(key, created));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("Master key file " + file + " holds no key");
        }
        return keys;
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        String content = format(new TreeMap<>(Map.of(1, new KeyVersion(key, Instant.now()))));
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(
                file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!PrivateFiles.OWNER_ONLY.containsAll(permissions)) {
                log.warn(
                        "Master key file {} has mode {}; it should be readable by its owner only (chmod 600)",
                        file.toAbsolutePath().normalize(),
                        PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException e) {
            log.debug("File system of {} has no POSIX permissions", file);
        }
    }

    private static String format(NavigableMap<Integer, KeyVersion> keys) {
        StringBuilder out = new StringBuilder();
        keys.forEach(
                (version, key) -> {
                    out.append(version)
                            .append(':')
                            .append(Base64.getEncoder().encodeToString(key.key()));
                    if (key.createdAt() != null) {
                        out.append(':').append(key.createdAt().getEpochSecond());
                    }
                    out.append('\n');
                });
        return out.toString();
    }

    /** A public, stable name of the first key version that reveals nothing about the key. */
    private static String fingerprint(byte[] firstKey) {
        MessageDigest sha256 = Sha256.newDigest();
        sha256.update("configservice/kek-id".getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha256.digest(firstKey), 0, 4);
    }

    private record KeyVersion(byte[] key, @Nullable Instant createdAt) {}
}
