package io.configservice.client.boot;

import io.configservice.client.ConfigServiceClient;
import io.configservice.client.ConfigurationUpdate;
import io.configservice.client.EffectiveConfiguration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Live refresh: on every configuration the client applies (and on the rotation of a referenced
 * credential) the property source is replaced, {@code @ConfigurationProperties} beans are rebound
 * ({@link PropertiesRebinder}) and, with Spring Cloud Context, refresh-scoped beans are re-created
 * ({@link CloudContextRefresh}). {@code @Value} fields of ordinary singletons keep the value they
 * were created with; put them in {@code @RefreshScope} beans to follow changes. Closes the client
 * with the context.
 */
final class ConfigServiceRefresher implements SmartInitializingSingleton, DisposableBean {

    private static final Log log = LogFactory.getLog(ConfigServiceRefresher.class);

    private final ConfigServiceClient client;
    private final ConfigurableApplicationContext context;
    private final PropertiesRebinder rebinder;
    private final ObjectProvider<CloudContextRefresh> cloud;
    private final Set<String> watchedCredentials = ConcurrentHashMap.newKeySet();
    private final AtomicLong refreshFailures = new AtomicLong();
    private volatile List<PropertiesRebinder.Failure> lastFailures = List.of();

    ConfigServiceRefresher(
            ConfigServiceClient client,
            ConfigurableApplicationContext context,
            ObjectProvider<CloudContextRefresh> cloud) {
        this.client = client;
        this.context = context;
        this.rebinder = new PropertiesRebinder(context);
        this.cloud = cloud;
    }

    @Override
    public void afterSingletonsInstantiated() {
        watchCredentials(client.current());
        client.addListener(this::configurationChanged);
        if (revisionInEnvironment() != client.current().revision()) {
            refresh(client.current());
        }
    }

    /**
     * Beans that kept their old values at the last refresh, with the property that did not bind.
     */
    List<PropertiesRebinder.Failure> lastFailures() {
        return lastFailures;
    }

    /** Refreshes in which at least one bean kept its old values. */
    long refreshFailures() {
        return refreshFailures.get();
    }

    @Override
    public void destroy() {
        client.close();
    }

    private void configurationChanged(ConfigurationUpdate update) {
        watchCredentials(update.current());
        refresh(update.current());
    }

    private void watchCredentials(EffectiveConfiguration configuration) {
        for (String key : PropertySourceFactory.credentialKeys(configuration)) {
            if (watchedCredentials.add(key)) {
                client.onCredentialRotated(key, rotated -> refresh(client.current()));
            }
        }
    }

    private synchronized void refresh(EffectiveConfiguration configuration) {
        ConfigServicePropertySource next = PropertySourceFactory.create(client, configuration);
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        PropertySource<?> previous = sources.get(next.getName());
        Set<String> changed =
                previous instanceof ConfigServicePropertySource old
                        ? old.differences(next)
                        : Set.of(next.getPropertyNames());
        if (previous == null) {
            sources.addFirst(next);
        } else {
            sources.replace(next.getName(), next);
        }
        PropertiesRebinder.Outcome outcome = rebinder.rebind();
        List<String> kept =
                outcome.failures().stream().map(PropertiesRebinder.Failure::beanName).toList();
        cloud.ifAvailable(refresh -> refresh.refresh(this, changed, kept));
        lastFailures = outcome.failures();
        if (outcome.failures().isEmpty()) {
            log.info(
                    "Config service: applied revision "
                            + configuration.revision()
                            + " of "
                            + next.getName()
                            + " ("
                            + changed.size()
                            + " properties changed)");
        } else {
            refreshFailures.incrementAndGet();
            log.error(
                    "Config service: revision "
                            + configuration.revision()
                            + " of "
                            + next.getName()
                            + " applied, "
                            + "but these beans keep their old values because a property did not bind: "
                            + outcome.failures());
        }
    }

    private long revisionInEnvironment() {
        PropertySource<?> source =
                context.getEnvironment()
                        .getPropertySources()
                        .get(PropertySourceFactory.name(client));
        return source instanceof ConfigServicePropertySource current ? current.revision() : -1;
    }
}
