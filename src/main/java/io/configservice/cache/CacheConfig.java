package io.configservice.cache;

import io.configservice.redis.JedisClients;
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
        if (redisConfigured(environment, redisProperties)) {
            log.info(
                    "Cache: Redis {} over Jedis, at most {} connections (TTL {})",
                    where(redisProperties),
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
        log.info("Cache: in-process (no SPRING_DATA_REDIS_HOST set; TTL {})", ttl);
        return new CaffeineConfigurationCache(ttl, properties.maxEntries());
    }

    /**
     * A sentinel or cluster setup is configured without a host (Spring Boot ignores the host then),
     * and a list of its nodes may be bound from indexed keys ({@code nodes[0]}), which the
     * environment does not hold under the list's name: the bound properties say.
     */
    private static boolean redisConfigured(
            Environment environment, DataRedisProperties properties) {
        return environment.containsProperty("spring.data.redis.host")
                || environment.containsProperty("spring.data.redis.url")
                || properties.getSentinel() != null
                || properties.getCluster() != null;
    }

    private static String where(DataRedisProperties properties) {
        DataRedisProperties.Sentinel sentinel = properties.getSentinel();
        if (sentinel != null) {
            return "master '" + sentinel.getMaster() + "' of the sentinels " + sentinel.getNodes();
        }
        DataRedisProperties.Cluster cluster = properties.getCluster();
        if (cluster != null) {
            return "cluster of " + cluster.getNodes();
        }
        return properties.getUrl() != null
                ? "at (url)"
                : "at " + properties.getHost() + ":" + properties.getPort();
    }
}
