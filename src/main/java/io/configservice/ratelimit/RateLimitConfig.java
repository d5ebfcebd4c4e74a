package io.configservice.ratelimit;

import io.configservice.redis.RedisSettings;
import io.configservice.web.ApiErrorWriter;
import io.github.bucket4j.TimeMeter;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Picks where the rate-limit buckets live: Redis, shared by the replicas, when {@code
 * spring.data.redis.*} names one ({@link RedisSettings#configured}), as for the cache; in this
 * process otherwise. One log line says which.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfig {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);
    private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(5);

    @Bean
    BucketStore rateLimitBucketStore(
            RateLimitProperties properties,
            Environment environment,
            DataRedisProperties redisProperties,
            ObjectProvider<LettuceConnectionFactory> redis) {
        Duration longest =
                Stream.of(
                                properties.tokenPeriod(),
                                properties.ipPeriod(),
                                properties.failedAuthenticationPeriod())
                        .max(Duration::compareTo)
                        .orElseThrow();
        if (RedisSettings.configured(environment, redisProperties)) {
            Duration timeout =
                    Objects.requireNonNull(
                            redisProperties.getTimeout(), "spring.data.redis.timeout");
            return new RedisBucketStore(
                    () -> redis.getObject().getRequiredNativeClient(),
                    timeout,
                    RECONNECT_BACKOFF,
                    "Redis "
                            + RedisSettings.where(redisProperties)
                            + ", leases of "
                            + properties.leasePercent()
                            + " %",
                    properties.leasePercent(),
                    properties.maxLocalBuckets(),
                    longest);
        }
        return new LocalBucketStore(
                properties.maxLocalBuckets(), longest, TimeMeter.SYSTEM_NANOTIME);
    }

    @Bean
    RateLimiter rateLimiter(
            RateLimitProperties properties, BucketStore store, MeterRegistry meters) {
        if (properties.enabled()) {
            log.info(
                    "Rate limits: {} (per token {}/{}, per address {}/{}, failed authentications {}/{})",
                    store.describe(),
                    properties.tokenCapacity(),
                    properties.tokenPeriod(),
                    properties.ipCapacity(),
                    properties.ipPeriod(),
                    properties.failedAuthenticationCapacity(),
                    properties.failedAuthenticationPeriod());
        } else {
            log.info("Rate limits: disabled (configservice.rate-limit.enabled=false)");
        }
        return new RateLimiter(properties, store, meters, TimeMeter.SYSTEM_NANOTIME);
    }

    @Bean
    RateLimitGate rateLimitGate(RateLimiter limiter, ApiErrorWriter errorWriter) {
        return new RateLimitGate(limiter, errorWriter);
    }

    /**
     * Commands fail at once while Redis is disconnected instead of queueing until the timeout: the
     * rate-limit buckets' connection and Spring Data Redis's own are Lettuce's (the configuration
     * cache has a Jedis pool of its own). Set on the client options Spring Boot builds, which hold
     * the SSL bundle's trust, the connect timeout and a cluster's topology refresh.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhenDisconnected() {
        return options ->
                options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
