package io.configservice.client.boot;

import io.configservice.client.ConfigServiceClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the client that {@code spring.config.import=configservice:} started (the {@code
 * configServiceClient} bean) for live refresh, health and metrics. Without the import there is no
 * client and nothing here applies.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@ConditionalOnBean(ConfigServiceClient.class)
public class ConfigServiceAutoConfiguration {

    @Bean
    ConfigServiceRefresher configServiceRefresher(
            ConfigServiceClient client,
            ConfigurableApplicationContext context,
            ObjectProvider<CloudContextRefresh> cloud) {
        return new ConfigServiceRefresher(client, context, cloud);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {

        @Bean
        ConfigServiceHealthIndicator configServiceHealthIndicator(
                ConfigServiceClient client, ConfigServiceRefresher refresher) {
            return new ConfigServiceHealthIndicator(client, refresher);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        ConfigServiceMetrics configServiceMetrics(
                ConfigServiceClient client, ConfigServiceRefresher refresher) {
            return new ConfigServiceMetrics(client, refresher);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.context.scope.refresh.RefreshScope")
    static class Cloud {

        @Bean
        static RefreshScopeForValueObjects configServiceRefreshScopeForValueObjects() {
            return new RefreshScopeForValueObjects();
        }

        @Bean
        @ConditionalOnBean(RefreshScope.class)
        CloudContextRefresh configServiceCloudContextRefresh(
                ConfigurableApplicationContext context, RefreshScope scope) {
            return new CloudContextRefresh(context, scope);
        }
    }
}
