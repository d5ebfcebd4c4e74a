package io.configservice.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.health.ComponentHealth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCipherTests {

    private static final byte[] VALUE = "s3cr3t-value-ü".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD =
            AssociatedData.of("credential", "id-1", "1", "billing", "production", "db.pw");

    @TempDir Path dir;

    private CountingKek kek;
    private EnvelopeCipher cipher;

    @BeforeEach
    void setUp() {
        kek = new CountingKek(new LocalKeyEncryptionKey(dir.resolve("master.key")));
        cipher = new EnvelopeCipher(kek, DataKeyCache.disabled());
    }

    @Test
    void roundTripsWithAFreshDataKeyAndNonceEachTime() {
        SealedValue first = cipher.seal(VALUE, AAD);
        SealedValue second = cipher.seal(VALUE, AAD);

        assertThat(cipher.open(first, AAD)).isEqualTo(VALUE);
        assertThat(cipher.open(second, AAD)).isEqualTo(VALUE);
        assertThat(first.nonce()).hasSize(12).isNotEqualTo(second.nonce());
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThat(first.ciphertext()).hasSize(VALUE.length + 16).isNotEqualTo(second.ciphertext());
        assertThat(first.algorithm()).isEqualTo("AES-256-GCM");
        assertThat(first.keyId()).isEqualTo(kek.id()).startsWith("local-file:");
        assertThat(first.keyVersion()).isEqualTo(1);
        assertThat(kek.unwrap(first.wrappedKey())).hasSize(32);
        assertThat(first.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void anyAlteredPartFailsAuthentication() {
        SealedValue sealed = cipher.seal(VALUE, AAD);
        SealedValue other = cipher.seal(VALUE, AAD);

        assertIntegrityFailure(
                with(sealed, flip(sealed.ciphertext()), sealed.nonce(), sealed.wrappedKey()), AAD);
        assertIntegrityFailure(
                with(sealed, sealed.ciphertext(), flip(sealed.nonce()), sealed.wrappedKey()), AAD);
        String wrapped = sealed.wrappedKey();
        String flippedWrapped =
                wrapped.substring(0, 20)
                        + (wrapped.charAt(20) == 'A' ? 'B' : 'A')
                        + wrapped.substring(21);
        assertIntegrityFailure(
                with(sealed, sealed.ciphertext(), sealed.nonce(), flippedWrapped), AAD);
        assertIntegrityFailure(
                with(sealed, sealed.ciphertext(), sealed.nonce(), other.wrappedKey()), AAD);
        assertIntegrityFailure(
                sealed,
                AssociatedData.of("credential", "id-1", "2", "billing", "production", "db.pw"));
        assertIntegrityFailure(
                sealed,
                AssociatedData.of("credential", "id-1", "1", "billin", "gproduction", "db.pw"));
        assertIntegrityFailure(
                new SealedValue(
                        sealed.ciphertext(),
                        sealed.nonce(),
                        sealed.wrappedKey(),
                        sealed.keyId(),
                        sealed.keyVersion(),
                        "AES-128-CBC"),
                AAD);
        assertIntegrityFailure(with(sealed, new byte[3], sealed.nonce(), sealed.wrappedKey()), AAD);
    }

    @Test
    void aValueSealedUnderAnotherKeyEncryptionKeyIsUnavailable() {
        SealedValue sealed = cipher.seal(VALUE, AAD);
        SealedValue foreign =
                new SealedValue(
                        sealed.ciphertext(),
                        sealed.nonce(),
                        sealed.wrappedKey(),
                        "vault-transit:transit/other",
                        1,
                        sealed.algorithm());

        assertThatThrownBy(() -> cipher.open(foreign, AAD))
                .isInstanceOf(KeyUnavailableException.class);
    }

    @Test
    void theDataKeyCacheSavesUnwrapsUntilItExpiresOrIsTold() {
        AtomicLong nanos = new AtomicLong();
        EnvelopeCipher cached =
                new EnvelopeCipher(kek, new DataKeyCache(10, Duration.ofMillis(300), nanos::get));
        SealedValue sealed = cached.seal(VALUE, AAD);

        for (int i = 0; i < 5; i++) {
            assertThat(cached.open(sealed, AAD)).isEqualTo(VALUE);
        }
        assertThat(kek.unwraps.get()).isEqualTo(1);

        cached.forget(sealed.wrappedKey());
        cached.open(sealed, AAD);
        assertThat(kek.unwraps.get()).isEqualTo(2);

        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        cached.open(sealed, AAD);
        assertThat(kek.unwraps.get()).isEqualTo(3);
    }

    @Test
    void withoutACacheEveryOpenUnwraps() {
        SealedValue sealed = cipher.seal(VALUE, AAD);
        cipher.open(sealed, AAD);
        cipher.open(sealed, AAD);

        assertThat(kek.unwraps.get()).isEqualTo(2);
    }

    @Test
    void associatedDataIsUnambiguous() {
        assertThat(AssociatedData.of("ab", "c")).isNotEqualTo(AssociatedData.of("a", "bc"));
        assertThat(AssociatedData.of("a", "")).isNotEqualTo(AssociatedData.of("a"));
    }

    private void assertIntegrityFailure(SealedValue sealed, byte[] aad) {
        assertThatThrownBy(() -> cipher.open(sealed, aad))
                .isInstanceOf(KeyIntegrityException.class)
                .hasMessageNotContaining("s3cr3t");
    }

    private static SealedValue with(
            SealedValue sealed, byte[] ciphertext, byte[] nonce, String wrappedKey) {
        return new SealedValue(
                ciphertext,
                nonce,
                wrappedKey,
                sealed.keyId(),
                sealed.keyVersion(),
                sealed.algorithm());
    }

    private static byte[] flip(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    /** Counts unwraps, to see what the data key cache saves. */
    private static final class CountingKek implements KeyEncryptionKey {

        private final KeyEncryptionKey delegate;
        private final AtomicInteger unwraps = new AtomicInteger();

        CountingKek(KeyEncryptionKey delegate) {
            this.delegate = delegate;
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public WrappedKey wrap(byte[] dataKey) {
            return delegate.wrap(dataKey);
        }

        @Override
        public byte[] unwrap(String wrappedKey) {
            unwraps.incrementAndGet();
            return delegate.unwrap(wrappedKey);
        }

        @Override
        public List<@Nullable WrappedKey> rewrap(List<String> wrappedKeys) {
            return delegate.rewrap(wrappedKeys);
        }

        @Override
        public KeyInfo rotate() {
            return delegate.rotate();
        }

        @Override
        public KeyInfo info() {
            return delegate.info();
        }

        @Override
        public ComponentHealth check() {
            return delegate.check();
        }
    }
}
