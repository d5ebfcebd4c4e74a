package io.configservice.client.boot;

import java.util.List;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Resolves {@code configservice:} (and {@code optional:configservice:}) in {@code
 * spring.config.import} to the effective configuration named by {@code configservice.client.*}.
 * Registered in {@code META-INF/spring.factories}.
 */
public class ConfigServiceConfigDataLocationResolver
        implements ConfigDataLocationResolver<ConfigServiceConfigDataResource> {

    static final String PREFIX = "configservice:";

    @Override
    public boolean isResolvable(
            ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        return location.hasPrefix(PREFIX);
    }

    @Override
    public List<ConfigServiceConfigDataResource> resolve(
            ConfigDataLocationResolverContext context, ConfigDataLocation location) {
        Binder binder = context.getBinder();
        ConfigServiceClientProperties properties =
                binder.bindOrCreate(
                        ConfigServiceClientProperties.PREFIX, ConfigServiceClientProperties.class);
        String applicationName = binder.bind("spring.application.name", String.class).orElse(null);
        return List.of(
                new ConfigServiceConfigDataResource(
                        properties.toSettings(applicationName, location.isOptional())));
    }
}
