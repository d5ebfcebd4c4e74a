package io.configservice.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configuration cache as the application builds it ({@link CacheConfig}), on the connection
 * details and SSL bundles Spring Boot's auto-configuration resolves from {@code
 * spring.data.redis.*} and {@code spring.ssl.*}, with nothing else of the application. The timeouts
 * are the application's, widened for a loaded test machine.
 */
final class CacheContexts {

    private CacheContexts() {}

    static ApplicationContextRunner cache() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                SslAutoConfiguration.class, DataRedisAutoConfiguration.class))
                .withUserConfiguration(CacheConfig.class, Meters.class)
                .withPropertyValues(
                        "spring.data.redis.client-type=lettuce",
                        "spring.data.redis.lettuce.pool.enabled=false",
                        "spring.data.redis.timeout=10s",
                        "spring.data.redis.connect-timeout=10s");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CacheProperties.class)
    static class Meters {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
