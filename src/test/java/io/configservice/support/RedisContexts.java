package io.configservice.support;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring Boot's Redis and SSL auto-configuration as the application sets it up (Lettuce without a
 * pool), resolving {@code spring.data.redis.*} and {@code spring.ssl.*}, with the timeouts widened
 * for a loaded test machine: the base on which a test adds one part of the application.
 */
public final class RedisContexts {

    private RedisContexts() {}

    public static ApplicationContextRunner redisAutoConfigured() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                SslAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .withPropertyValues(
                        "spring.data.redis.client-type=lettuce",
                        "spring.data.redis.lettuce.pool.enabled=false",
                        "spring.data.redis.timeout=10s",
                        "spring.data.redis.connect-timeout=10s");
    }
}
