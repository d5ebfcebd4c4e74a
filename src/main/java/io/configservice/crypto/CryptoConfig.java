package io.configservice.crypto;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the key encryption key and says which in one log line. */
@Configuration(proxyBeanMethods = false)
class CryptoConfig {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfig.class);

    @Bean
    KeyEncryptionKey keyEncryptionKey(@Value("${configservice.data-dir}") Path dataDir) {
        LocalKeyEncryptionKey key = new LocalKeyEncryptionKey(dataDir.resolve("master.key"));
        log.warn("Key encryption key: local file {} (no VAULT_URI set); keep it secret and back it up, "
                + "losing it loses every stored credential", key.file().toAbsolutePath().normalize());
        return key;
    }
}
