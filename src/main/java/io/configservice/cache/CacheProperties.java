package io.configservice.cache;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the configuration cache.
 *
 * @param ttl how long a cached configuration is served before it is read again; 0 caches nothing
 * @param maxEntries most configurations the in-process cache (no Redis) holds
 * @param replayInterval how often writes that Redis missed while it was unreachable are retried
 * @param redisConnections most connections the Redis cache opens: one per request thread reading at
 *     once (Tomcat's default is 200 threads); a read that finds them all in use waits at most
 *     {@code spring.data.redis.timeout} for one, then misses
 */
@Validated
@ConfigurationProperties("configservice.cache")
public record CacheProperties(
        @DefaultValue("300s") @DurationMin(nanos = 0) Duration ttl,
        @DefaultValue("10000") @Min(1) long maxEntries,
        @DefaultValue("1s") @DurationMin(millis = 1) Duration replayInterval,
        @DefaultValue("200") @Min(1) int redisConnections) {}
