package io.configservice.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyEncryptionKeyTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir Path dir;

    @Test
    void createsAnOwnerOnlyKeyFileAndRoundTrips() throws IOException {
        Path file = dir.resolve("data/master.key");
        LocalKeyEncryptionKey kek = new LocalKeyEncryptionKey(file);
        byte[] dataKey = dataKey();

        WrappedKey wrapped = kek.wrap(dataKey);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(wrapped.ciphertext()).startsWith("local:v1:");
        assertThat(kek.unwrap(wrapped.ciphertext())).isEqualTo(dataKey);
        assertThat(new LocalKeyEncryptionKey(file).unwrap(wrapped.ciphertext())).isEqualTo(dataKey);
        assertThat(kek.check().mode()).isEqualTo("local-file");
        assertThat(kek.check().status()).isEqualTo("healthy");
    }

    @Test
    void rotationAppendsAVersionAtomicallyAndKeepsTheFileOwnerOnly() throws IOException {
        Path file = dir.resolve("master.key");
        LocalKeyEncryptionKey kek = new LocalKeyEncryptionKey(file);
        byte[] dataKey = dataKey();
        String old = kek.wrap(dataKey).ciphertext();
        String id = kek.id();

        KeyInfo info = kek.rotate();

        assertThat(info.latestVersion()).isEqualTo(2);
        assertThat(info.versions()).extracting(KeyInfo.Version::version).containsExactly(1, 2);
        assertThat(kek.id()).isEqualTo(id);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readAllLines(file, StandardCharsets.US_ASCII)).hasSize(2);
        assertThat(Files.list(dir)).containsExactly(file);
        assertThat(kek.wrap(dataKey).version()).isEqualTo(2);
        assertThat(kek.unwrap(old)).isEqualTo(dataKey);

        LocalKeyEncryptionKey reloaded = new LocalKeyEncryptionKey(file);
        assertThat(reloaded.info().latestVersion()).isEqualTo(2);
        assertThat(reloaded.id()).isEqualTo(id);
        List<WrappedKey> rewrapped = reloaded.rewrap(List.of(old));
        assertThat(rewrapped.get(0).version()).isEqualTo(2);
        assertThat(kek.unwrap(rewrapped.get(0).ciphertext())).isEqualTo(dataKey);
    }

    @Test
    void readsTheOriginalOneLineFormat() throws IOException {
        Path file = dir.resolve("master.key");
        Files.writeString(file, "1:" + Base64.getEncoder().encodeToString(dataKey()) + "\n");

        LocalKeyEncryptionKey kek = new LocalKeyEncryptionKey(file);

        assertThat(kek.info().versions())
                .singleElement()
                .satisfies(v -> assertThat(v.createdAt()).isNull());
        byte[] dataKey = dataKey();
        assertThat(kek.unwrap(kek.wrap(dataKey).ciphertext())).isEqualTo(dataKey);
    }

    @Test
    void alteredOrForeignWrappedKeysAreIntegrityFailures() {
        LocalKeyEncryptionKey kek = new LocalKeyEncryptionKey(dir.resolve("master.key"));
        LocalKeyEncryptionKey other = new LocalKeyEncryptionKey(dir.resolve("other.key"));
        String wrapped = kek.wrap(dataKey()).ciphertext();

        assertThat(kek.id()).isNotEqualTo(other.id());
        assertThatThrownBy(() -> other.unwrap(wrapped)).isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> kek.unwrap(wrapped.replace("local:v1:", "local:v7:")))
                .isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> kek.unwrap(wrapped.replace("local:", "vault:")))
                .isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> kek.unwrap("local:v1:***"))
                .isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> kek.unwrap("nonsense")).isInstanceOf(KeyIntegrityException.class);
        assertThat(other.rewrap(List.of(wrapped))).containsExactly((WrappedKey) null);
    }

    private static byte[] dataKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
