package io.configservice.client.boot;

import io.configservice.client.ClientSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code configservice.client.*}: where the configuration comes from. Bound while the import is
 * resolved, so these belong in {@code application.properties}, the environment or the command line,
 * not in the service's configuration.
 *
 * @param url the service's base URL
 * @param token the service token ({@code X-Service-Token}) with {@code config:read}, {@code
 *     events:subscribe} and, for credentials, {@code credentials:read}
 * @param serviceId the service whose configuration is imported; defaults to {@code
 *     spring.application.name}
 * @param environment the environment whose effective configuration is imported
 * @param snapshotDir where the last-known-good snapshot is kept (file {@code
 *     <serviceId>.<environment>.json}, 0600)
 * @param pollInterval how often the conditional poll runs beside push
 */
@ConfigurationProperties(ConfigServiceClientProperties.PREFIX)
public record ConfigServiceClientProperties(
        @DefaultValue("http://localhost:8011") URI url,
        @Nullable String token,
        @Nullable String serviceId,
        @DefaultValue("production") String environment,
        @DefaultValue(".configservice") Path snapshotDir,
        @DefaultValue("60s") Duration pollInterval) {

    public static final String PREFIX = "configservice.client";

    /**
     * The client's settings; {@code optional} when the import was {@code optional:configservice:}.
     */
    ClientSettings toSettings(@Nullable String applicationName, boolean optional) {
        String service = serviceId != null ? serviceId : applicationName;
        if (token == null || token.isBlank()) {
            throw new IllegalStateException(
                    PREFIX + ".token is required by spring.config.import=configservice:");
        }
        if (service == null || service.isBlank()) {
            throw new IllegalStateException(
                    PREFIX
                            + ".service-id (or spring.application.name) is required by "
                            + "spring.config.import=configservice:");
        }
        return ClientSettings.builder()
                .url(url)
                .token(token)
                .serviceId(service)
                .environment(environment)
                .snapshotDirectory(snapshotDir)
                .pollInterval(pollInterval)
                .optional(optional)
                .build();
    }

    @Override
    public String toString() {
        return "ConfigServiceClientProperties[url="
                + url
                + ", serviceId="
                + serviceId
                + ", environment="
                + environment
                + ", snapshotDir="
                + snapshotDir
                + ", pollInterval="
                + pollInterval
                + "]";
    }
}
