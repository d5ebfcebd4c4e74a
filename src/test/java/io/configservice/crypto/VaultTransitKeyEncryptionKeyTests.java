package io.configservice.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.health.ComponentHealth;
import io.configservice.support.VaultTransitStandIn;
import io.configservice.support.VaultTransitStandIn.Availability;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * The Vault transit key encryption key, through spring-vault-core, against the transit stand-in.
 */
class VaultTransitKeyEncryptionKeyTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static VaultTransitStandIn vault;
    private static int keys;

    @BeforeAll
    static void startVault() {
        vault = VaultTransitStandIn.start("s.unit-test-token");
    }

    @AfterAll
    static void stopVault() {
        vault.close();
    }

    @AfterEach
    void available() {
        vault.availability(Availability.AVAILABLE);
    }

    @Test
    void createsItsKeyOnFirstUseAndRoundTripsDataKeys() {
        String name = keyName();
        VaultTransitKeyEncryptionKey kek = kek(vault.token(), name);
        assertThat(vault.latestVersion(name)).isZero();

        byte[] dataKey = dataKey();
        WrappedKey wrapped = kek.wrap(dataKey);

        assertThat(vault.latestVersion(name)).isEqualTo(1);
        assertThat(wrapped.version()).isEqualTo(1);
        assertThat(wrapped.ciphertext()).startsWith("vault:v1:");
        assertThat(Base64.getDecoder().decode(wrapped.ciphertext().substring("vault:v1:".length())))
                .hasSize(dataKey.length + 28);
        assertThat(kek.unwrap(wrapped.ciphertext())).isEqualTo(dataKey);
        assertThat(kek.id()).isEqualTo("vault-transit:transit/" + name);
        assertThat(kek.check().status()).isEqualTo("healthy");
    }

    @Test
    void rotationAddsAVersionAndRewrapMovesDataKeysWithoutDecryptingThem() {
        VaultTransitKeyEncryptionKey kek = kek(vault.token(), keyName());
        List<byte[]> dataKeys = new ArrayList<>();
        List<String> wrapped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dataKeys.add(dataKey());
            wrapped.add(kek.wrap(dataKeys.get(i)).ciphertext());
        }

        KeyInfo rotated = kek.rotate();
        long decryptsBefore = vault.calls("decrypt");
        List<WrappedKey> rewrapped = kek.rewrap(wrapped);

        assertThat(rotated.latestVersion()).isEqualTo(2);
        assertThat(rotated.versions()).extracting(KeyInfo.Version::version).containsExactly(1, 2);
        assertThat(rotated.versions()).allSatisfy(v -> assertThat(v.createdAt()).isNotNull());
        assertThat(vault.calls("decrypt")).isEqualTo(decryptsBefore);
        assertThat(rewrapped).allSatisfy(key -> assertThat(key.version()).isEqualTo(2));
        for (int i = 0; i < 3; i++) {
            assertThat(kek.unwrap(rewrapped.get(i).ciphertext())).isEqualTo(dataKeys.get(i));
            assertThat(kek.unwrap(wrapped.get(i)))
                    .as("old versions still decrypt")
                    .isEqualTo(dataKeys.get(i));
        }
        assertThat(kek.wrap(dataKey()).version()).isEqualTo(2);
    }

    @Test
    void alteredWrappedKeysAreIntegrityFailures() {
        VaultTransitKeyEncryptionKey kek = kek(vault.token(), keyName());
        String wrapped = kek.wrap(dataKey()).ciphertext();
        String flipped =
                wrapped.substring(0, 12)
                        + (wrapped.charAt(12) == 'A' ? 'B' : 'A')
                        + wrapped.substring(13);

        assertThatThrownBy(() -> kek.unwrap(flipped)).isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> kek.unwrap("vault:v9:" + wrapped.substring(9)))
                .isInstanceOf(KeyIntegrityException.class);
        assertThatThrownBy(() -> kek.unwrap("local:v1:" + wrapped.substring(9)))
                .isInstanceOf(KeyIntegrityException.class);
        assertThat(kek.rewrap(List.of(wrapped, flipped)))
                .satisfiesExactly(
                        first -> assertThat(first).isNotNull(),
                        second -> assertThat(second).isNull());
    }

    @Test
    void aSealedOrSilentVaultIsUnavailableNotAnIntegrityFailure() {
        VaultTransitKeyEncryptionKey kek = kek(vault.token(), keyName());
        String wrapped = kek.wrap(dataKey()).ciphertext();

        vault.availability(Availability.SEALED);
        assertThatThrownBy(() -> kek.unwrap(wrapped)).isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> kek.wrap(dataKey())).isInstanceOf(KeyUnavailableException.class);
        ComponentHealth sealed = kek.check();
        assertThat(sealed.status()).isEqualTo("unhealthy");
        assertThat(sealed.error()).isEqualTo("Vault is sealed");

        vault.availability(Availability.DROPPING);
        assertThatThrownBy(() -> kek.unwrap(wrapped)).isInstanceOf(KeyUnavailableException.class);
        assertThat(kek.check().status()).isEqualTo("unhealthy");

        vault.availability(Availability.AVAILABLE);
        assertThat(kek.unwrap(wrapped)).hasSize(32);
    }

    @Test
    void aWrongTokenIsUnavailable() {
        VaultTransitKeyEncryptionKey kek = kek("s.wrong", keyName());

        assertThatThrownBy(() -> kek.wrap(dataKey())).isInstanceOf(KeyUnavailableException.class);
        assertThat(kek.check().status()).isEqualTo("unhealthy");
    }

    @Test
    void refusesADerivedKey() {
        String name = keyName();
        vault.createDerivedKey(name);

        assertThatThrownBy(() -> kek(vault.token(), name).wrap(dataKey()))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("derivation");
    }

    private static VaultTransitKeyEncryptionKey kek(String token, String keyName) {
        JdkClientHttpRequestFactory requests =
                new JdkClientHttpRequestFactory(
                        HttpClient.newBuilder()
                                .version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(Duration.ofSeconds(2))
                                .build());
        requests.setReadTimeout(Duration.ofSeconds(2));
        VaultTemplate template =
                new VaultTemplate(
                        VaultEndpoint.from(vault.uri()),
                        requests,
                        new SimpleSessionManager(new TokenAuthentication(token)));
        return new VaultTransitKeyEncryptionKey(
                template.opsForTransit(), template.opsForSys(), "transit", keyName);
    }

    private static String keyName() {
        return "unit-" + (++keys);
    }

    private static byte[] dataKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
