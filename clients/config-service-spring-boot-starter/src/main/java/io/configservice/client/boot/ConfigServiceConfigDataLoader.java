package io.configservice.client.boot;

import io.configservice.client.ClientHealth;
import io.configservice.client.ClientStatus;
import io.configservice.client.ConfigServiceClient;
import io.configservice.client.ConfigServiceException;
import java.util.List;
import org.apache.commons.logging.Log;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.logging.DeferredLogFactory;

/**
 * Starts the client for an imported resource (from the service, else from the snapshot) and hands
 * its configuration to the environment as a {@link ConfigServicePropertySource}. The running client
 * becomes the application context's {@code configServiceClient} bean, which {@link
 * ConfigServiceAutoConfiguration} wires for live refresh.
 *
 * <p>When the service refuses (a bad token, a token of another service) or is down without a
 * snapshot, start-up fails, unless the import is {@code optional:}: then a refusal imports nothing
 * and an outage imports an empty configuration that the client fills once the service is back.
 */
public class ConfigServiceConfigDataLoader
        implements ConfigDataLoader<ConfigServiceConfigDataResource> {

    static final String CLIENT_BEAN = "configServiceClient";

    private final Log log;

    /**
     * Boot suppresses all logging while config data loads, so the client's own start-up warnings
     * are lost in an application; what the start came from is logged here again, deferred until
     * logging is initialized.
     */
    public ConfigServiceConfigDataLoader(DeferredLogFactory logs) {
        this.log = logs.getLog(ConfigServiceConfigDataLoader.class);
    }

    @Override
    public ConfigData load(
            ConfigDataLoaderContext context, ConfigServiceConfigDataResource resource) {
        ConfigurableBootstrapContext bootstrap = context.getBootstrapContext();
        ConfigServiceClient client;
        try {
            client = new ConfigServiceClient(resource.settings()).start();
        } catch (ConfigServiceException e) {
            if (resource.settings().optional()) {
                throw new ConfigDataResourceNotFoundException(resource, e);
            }
            throw new IllegalStateException(
                    "spring.config.import=configservice: could not load "
                            + resource
                            + ": "
                            + e.getMessage(),
                    e);
        }
        ClientHealth health = client.health();
        if (health.fromSnapshot()) {
            log.warn(
                    "Config service unreachable ("
                            + health.lastError()
                            + "); "
                            + resource
                            + " starts from the "
                            + "snapshot at revision "
                            + health.appliedRevision()
                            + ", health STALE until it catches up");
        } else if (health.status() == ClientStatus.DOWN) {
            log.warn(
                    "Config service unreachable ("
                            + health.lastError()
                            + ") and no snapshot; "
                            + resource
                            + " starts with nothing imported (optional), health DOWN until the service returns");
        }
        bootstrap.register(
                ConfigServiceClient.class, BootstrapRegistry.InstanceSupplier.of(client));
        bootstrap.addCloseListener(
                event ->
                        event.getApplicationContext()
                                .getBeanFactory()
                                .registerSingleton(CLIENT_BEAN, client));
        return new ConfigData(List.of(PropertySourceFactory.create(client, client.current())));
    }
}
