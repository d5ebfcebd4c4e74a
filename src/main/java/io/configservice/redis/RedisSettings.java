package io.configservice.redis;

import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.core.env.Environment;

/**
 * What {@code spring.data.redis.*} says about the shared Redis, for the components that keep their
 * state there when one is configured and in this process otherwise (the configuration cache, the
 * rate-limit buckets), so they always choose alike.
 */
public final class RedisSettings {

    private RedisSettings() {}

    /**
     * Whether a Redis is configured: a {@code host} or {@code url}, or a {@code sentinel} or {@code
     * cluster} setup, which needs neither (Spring Boot ignores the host then). The host's default
     * ({@code localhost}) does not count, so the environment is asked for it; a sentinel's or
     * cluster's nodes may be bound from indexed keys ({@code nodes[0]}), which the environment does
     * not hold under the list's name, so the bound properties are asked for those.
     */
    public static boolean configured(Environment environment, DataRedisProperties properties) {
        return environment.containsProperty("spring.data.redis.host")
                || environment.containsProperty("spring.data.redis.url")
                || properties.getSentinel() != null
                || properties.getCluster() != null;
    }

    /**
     * Where the configured Redis is, for a start-up log line; never the URL, which may hold a
     * password.
     */
    public static String where(DataRedisProperties properties) {
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
