package io.configservice.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.web.ApiException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueGeneratorTests {

    @Test
    void apiKeysAre64UrlSafeCharactersByDefault() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String key =
                    ValueGenerator.generate(CredentialType.API_KEY, GeneratorSettings.DEFAULTS);
            assertThat(key).hasSize(64).matches("^[A-Za-z0-9_-]+$");
            seen.add(key);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void apiKeyLengthFollowsThePolicy() {
        assertThat(
                        ValueGenerator.generate(
                                CredentialType.API_KEY, settings(20, 32, true, true, true, true)))
                .hasSize(20);
    }

    @Test
    void passwordsHaveTheLengthAndEveryEnabledCharacterClass() {
        for (int i = 0; i < 200; i++) {
            String password =
                    ValueGenerator.generate(
                            CredentialType.DATABASE_PASSWORD,
                            settings(64, 12, true, true, true, true));
            assertThat(password)
                    .hasSize(12)
                    .matches(".*[A-Z].*")
                    .matches(".*[a-z].*")
                    .matches(".*[0-9].*")
                    .containsAnyOf(ValueGenerator.SYMBOLS.split(""));
            assertThat(password).doesNotContain("'", "\"", "\\", "/", " ");
        }
    }

    @Test
    void passwordsUseOnlyTheEnabledClasses() {
        String password =
                ValueGenerator.generate(
                        CredentialType.DATABASE_PASSWORD,
                        settings(64, 40, false, true, true, false));

        assertThat(password).hasSize(40).matches("^[a-z0-9]+$");
    }

    @Test
    void symmetricKeysAreRandomBitsInBase64() {
        byte[] key =
                Base64.getDecoder()
                        .decode(
                                ValueGenerator.generate(
                                        CredentialType.SYMMETRIC_KEY, GeneratorSettings.DEFAULTS));
        GeneratorSettings aes128 = new GeneratorSettings(64, 32, true, true, true, true, 128, 32);

        assertThat(key).hasSize(32);
        assertThat(
                        Base64.getDecoder()
                                .decode(
                                        ValueGenerator.generate(
                                                CredentialType.SYMMETRIC_KEY, aes128)))
                .hasSize(16);
    }

    @Test
    void tokensAre256RandomBitsInBase64Url() {
        String token = ValueGenerator.generate(CredentialType.TOKEN, GeneratorSettings.DEFAULTS);

        assertThat(token).hasSize(43).matches("^[A-Za-z0-9_-]+$");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void certificatesAndPrivateKeysCannotBeGenerated() {
        assertThatThrownBy(
                        () ->
                                ValueGenerator.generate(
                                        CredentialType.CERTIFICATE, GeneratorSettings.DEFAULTS))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("send its new value");
        assertThatThrownBy(
                        () ->
                                ValueGenerator.generate(
                                        CredentialType.PRIVATE_KEY, GeneratorSettings.DEFAULTS))
                .isInstanceOf(ApiException.class);
    }

    private static GeneratorSettings settings(
            int apiKeyLength,
            int passwordLength,
            boolean upper,
            boolean lower,
            boolean digits,
            boolean symbols) {
        return new GeneratorSettings(
                apiKeyLength, passwordLength, upper, lower, digits, symbols, 256, 32);
    }
}
