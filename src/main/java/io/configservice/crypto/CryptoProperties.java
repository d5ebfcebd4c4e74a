package io.configservice.crypto;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of envelope encryption. The Vault address, token and key name are {@link
 * VaultProperties}; these are the finer points.
 *
 * @param transitMount where Vault's transit engine is mounted
 * @param vaultConnectTimeout how long to wait for a connection to Vault
 * @param vaultReadTimeout how long to wait for Vault's answer
 * @param dataKeyCache the optional in-process cache of unwrapped data keys
 */
@Validated
@ConfigurationProperties("configservice.crypto")
public record CryptoProperties(
        @DefaultValue("transit") @NotBlank String transitMount,
        @DefaultValue("2s") Duration vaultConnectTimeout,
        @DefaultValue("5s") Duration vaultReadTimeout,
        @DefaultValue DataKeyCacheProperties dataKeyCache) {

    /**
     * @param maxSize how many data keys to keep; 0 (the default) turns the cache off
     * @param ttl how long a data key stays cached after it was unwrapped
     */
    public record DataKeyCacheProperties(
            @DefaultValue("0") @Min(0) long maxSize, @DefaultValue("5m") Duration ttl) {}
}
