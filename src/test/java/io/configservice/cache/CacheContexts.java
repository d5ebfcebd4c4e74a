package io.configservice.cache;

import io.configservice.support.RedisContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The configuration cache as the application builds it ({@link CacheConfig}), on the connection
 * details and SSL bundles Spring Boot's auto-configuration resolves from {@code
 * spring.data.redis.*} and {@code spring.ssl.*}, with nothing else of the application ({@link
 * RedisContexts}).
 */
final class CacheContexts {

    private CacheContexts() {}

    static ApplicationContextRunner cache() {
        return RedisContexts.redisAutoConfigured()
                .withUserConfiguration(CacheConfig.class, Meters.class);
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
