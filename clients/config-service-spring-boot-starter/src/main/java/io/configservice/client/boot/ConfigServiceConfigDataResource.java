package io.configservice.client.boot;

import io.configservice.client.ClientSettings;
import java.util.Objects;
import org.springframework.boot.context.config.ConfigDataResource;

/** The effective configuration of one service in one environment, as an import. */
final class ConfigServiceConfigDataResource extends ConfigDataResource {

    private final ClientSettings settings;

    ConfigServiceConfigDataResource(ClientSettings settings) {
        super(settings.optional());
        this.settings = settings;
    }

    ClientSettings settings() {
        return settings;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigServiceConfigDataResource resource
                && settings.url().equals(resource.settings.url())
                && settings.serviceId().equals(resource.settings.serviceId())
                && settings.environment().equals(resource.settings.environment());
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings.url(), settings.serviceId(), settings.environment());
    }

    @Override
    public String toString() {
        return "config service "
                + settings.url()
                + " "
                + settings.serviceId()
                + "/"
                + settings.environment();
    }
}
