package io.configservice.client.boot;

import io.configservice.client.ConfigServiceClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@code configservice.client.revision} (applied effective revision), {@code
 * configservice.client.last.applied.age} (seconds since the configuration in force was applied),
 * {@code configservice.client.events} (events received), {@code configservice.client.fallbacks}
 * (starts from the snapshot), {@code configservice.client.listener.failures} and {@code
 * configservice.client.refresh.failures} (refreshes in which a bean kept its old values); tagged
 * with the service and environment.
 */
final class ConfigServiceMetrics implements MeterBinder {

    private final ConfigServiceClient client;
    private final ConfigServiceRefresher refresher;

    ConfigServiceMetrics(ConfigServiceClient client, ConfigServiceRefresher refresher) {
        this.client = client;
        this.refresher = refresher;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags =
                Tags.of(
                        "service",
                        client.settings().serviceId(),
                        "environment",
                        client.settings().environment());
        Gauge.builder("configservice.client.revision", client, c -> c.health().appliedRevision())
                .tags(tags)
                .description("Applied effective revision")
                .register(registry);
        TimeGauge.builder(
                        "configservice.client.last.applied.age",
                        client,
                        TimeUnit.SECONDS,
                        c -> {
                            Instant applied = c.health().lastAppliedAt();
                            return applied == null
                                    ? Double.NaN
                                    : Duration.between(applied, Instant.now()).toSeconds();
                        })
                .tags(tags)
                .description("Time since the configuration in force was applied")
                .register(registry);
        FunctionCounter.builder(
                        "configservice.client.events", client, c -> c.health().eventsReceived())
                .tags(tags)
                .description("Push events received")
                .register(registry);
        FunctionCounter.builder(
                        "configservice.client.fallbacks", client, c -> c.health().fallbacks())
                .tags(tags)
                .description("Starts from the snapshot because the service was unreachable")
                .register(registry);
        FunctionCounter.builder(
                        "configservice.client.listener.failures",
                        client,
                        c -> c.health().listenerFailures())
                .tags(tags)
                .description("Listener calls that threw")
                .register(registry);
        FunctionCounter.builder(
                        "configservice.client.refresh.failures",
                        refresher,
                        ConfigServiceRefresher::refreshFailures)
                .tags(tags)
                .description("Refreshes in which a bean kept its old values")
                .register(registry);
    }
}
