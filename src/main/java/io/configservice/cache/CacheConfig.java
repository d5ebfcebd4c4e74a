package io.configservice.cache;

import io.configservice.redis.JedisClients;
import io.configservice.redis.RedisSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Picks the configuration cache: Redis when {@code spring.data.redis.*} names one (a {@code host}
 * or {@code url}, or a {@code sentinel} or {@code cluster} setup, which needs neither), the
 * in-process cache otherwise, and says which in one log line.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfig {

    private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);
    private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(1);

    @Bean
    ConfigurationCache configurationCache(
            Environment environment,
            DataRedisProperties redisProperties,
            ObjectProvider<DataRedisConnectionDetails> redisConnection,
            MeterRegistry meters,
            CacheProperties properties) {
        Duration ttl = properties.ttl();
        if (RedisSettings.configured(environment, redisProperties)) {
            log.info(
                    "Cache: Redis {} over Jedis, at most {} connections (TTL {})",
                    RedisSettings.where(redisProperties),
                    properties.redisConnections(),
                    ttl);
            return new RedisConfigurationCache(
                    JedisClients.lazy(
                            JedisClients.connector(
                                    redisConnection.getObject(),
                                    redisProperties,
                                    properties.redisConnections()),
                            RECONNECT_BACKOFF,
                            "the configuration cache"),
                    ttl,
                    meters);
        }
        log.info(
                "Cache: in-process (no Redis host, url, sentinel or cluster in spring.data.redis.*; TTL {})",
                ttl);
        return new CaffeineConfigurationCache(ttl, properties.maxEntries());
    }
}
