package io.configservice.crypto;

import com.github.benmanes.caffeine.cache.Ticker;
import io.configservice.ServiceProperties;
import java.net.URI;
import java.net.http.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * Picks the key encryption key and says which in one log line: Vault transit when {@code VAULT_URI}
 * is set, else the local key file {@code <data-dir>/master.key}.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfig {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfig.class);

    @Bean
    KeyEncryptionKey keyEncryptionKey(
            CryptoProperties properties, VaultProperties vault, ServiceProperties service) {
        String vaultUri = vault.uri();
        String vaultToken = vault.token();
        String transitKey = vault.transitKey();
        if (!vaultUri.isBlank()) {
            if (vaultToken.isBlank()) {
                throw new IllegalStateException("VAULT_URI is set but VAULT_TOKEN is not");
            }
            VaultTemplate vaultTemplate =
                    vaultTemplate(URI.create(vaultUri.trim()), vaultToken.trim(), properties);
            VaultTransitKeyEncryptionKey key =
                    new VaultTransitKeyEncryptionKey(
                            vaultTemplate.opsForTransit(properties.transitMount()),
                            vaultTemplate.opsForSys(),
                            properties.transitMount(),
                            transitKey);
            log.info(
                    "Key encryption key: Vault transit key '{}' at {} (mount '{}')",
                    transitKey,
                    VaultEndpoint.from(URI.create(vaultUri.trim())),
                    properties.transitMount());
            key.prepare();
            return key;
        }
        LocalKeyEncryptionKey key =
                new LocalKeyEncryptionKey(service.dataDir().resolve("master.key"));
        log.warn(
                "Key encryption key: local file {} (no VAULT_URI set); keep it secret and back it up, "
                        + "losing it loses every stored credential",
                key.file().toAbsolutePath().normalize());
        return key;
    }

    @Bean
    EnvelopeCipher envelopeCipher(KeyEncryptionKey keyEncryptionKey, CryptoProperties properties) {
        CryptoProperties.DataKeyCacheProperties cache = properties.dataKeyCache();
        if (cache.maxSize() > 0) {
            log.info(
                    "Data key cache: in-process, at most {} keys for {}",
                    cache.maxSize(),
                    cache.ttl());
            return new EnvelopeCipher(
                    keyEncryptionKey,
                    new DataKeyCache(cache.maxSize(), cache.ttl(), Ticker.systemTicker()));
        }
        return new EnvelopeCipher(keyEncryptionKey, DataKeyCache.disabled());
    }

    /**
     * A token-authenticated client with bounded timeouts, so a Vault that hangs cannot hold request
     * threads.
     */
    private static VaultTemplate vaultTemplate(URI uri, String token, CryptoProperties properties) {
        HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(properties.vaultConnectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.vaultReadTimeout());
        return new VaultTemplate(
                VaultEndpoint.from(uri),
                requests,
                new SimpleSessionManager(new TokenAuthentication(token)));
    }
}
