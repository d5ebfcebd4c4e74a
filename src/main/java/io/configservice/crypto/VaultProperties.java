package io.configservice.crypto;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Vault transit as the key encryption key ({@code VAULT_URI}, {@code VAULT_TOKEN}, {@code
 * VAULT_TRANSIT_KEY}); with no address the local key file is used.
 *
 * @param uri Vault's address; empty uses the local key file {@code <data-dir>/master.key}
 * @param token the Vault token, required with an address
 * @param transitKey the transit key's name (created if missing)
 */
@Validated
@ConfigurationProperties("configservice.vault")
public record VaultProperties(
        @DefaultValue("") String uri,
        @DefaultValue("") String token,
        @DefaultValue("config-service") @NotBlank String transitKey) {

    @Override
    public String toString() {
        return "VaultProperties[uri="
                + uri
                + ", token="
                + (token.isEmpty() ? "" : "***")
                + ", transitKey="
                + transitKey
                + "]";
    }
}
