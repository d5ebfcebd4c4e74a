package io.configservice.configuration.effective;

import io.configservice.cache.ConfigurationCache;
import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.configuration.document.JsonDocuments;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores effective rows in the caller's transaction: a new revision with its change-log row and its
 * {@link EffectiveConfigurationChanged} event, or the same content under new layers; either way the
 * new entry is written through to the cache after commit (the newer generation wins).
 */
@Component
class EffectiveWriter {

    private final EffectiveStore store;
    private final ConfigurationCache cache;
    private final ApplicationEventPublisher events;
    private final EffectiveProperties properties;
    private final JsonMapper json;

    EffectiveWriter(
            EffectiveStore store,
            ConfigurationCache cache,
            ApplicationEventPublisher events,
            EffectiveProperties properties,
            JsonMapper json) {
        this.store = store;
        this.cache = cache;
        this.events = events;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Stores the pair's next revision ({@code 1} without a previous row), logs its changes and
     * publishes its event.
     *
     * @param canonical the new effective document, {@code null} when no layer holds a document of
     *     the service any more
     * @param ownVersion the version of the service's own document in the environment, if it has one
     */
    void revise(
            String serviceId,
            String environment,
            @Nullable StoredEffective previous,
            @Nullable String canonical,
            String layers,
            List<ConfigurationChange> changes,
            @Nullable Integer ownVersion,
            EffectiveCause cause,
            Instant now) {
        long revision = previous == null ? 1 : previous.revision() + 1;
        long generation = previous == null ? 1 : previous.generation() + 1;
        save(
                new StoredEffective(
                        serviceId,
                        environment,
                        revision,
                        generation,
                        canonical,
                        canonical == null ? null : JsonDocuments.checksum(canonical),
                        layers,
                        now));
        store.appendChange(
                serviceId,
                environment,
                revision,
                json.writeValueAsString(changes),
                json.writeValueAsString(cause),
                now,
                revision - properties.changeLogSize());
        events.publishEvent(
                new EffectiveConfigurationChanged(
                        serviceId, environment, revision, ownVersion, cause, changes, now));
    }

    /**
     * Keeps the row's content and revision; when its layers differ, stores them under the next
     * generation.
     */
    void relayer(StoredEffective previous, String layers, Instant now) {
        if (!json.readTree(previous.layers()).equals(json.readTree(layers))) {
            save(
                    new StoredEffective(
                            previous.serviceId(),
                            previous.environment(),
                            previous.revision(),
                            previous.generation() + 1,
                            previous.canonical(),
                            previous.checksum(),
                            layers,
                            now));
        }
    }

    private void save(StoredEffective row) {
        store.upsert(row);
        String key = EffectiveEntries.key(row.serviceId(), row.environment());
        var entry = EffectiveEntries.of(json, row);
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        cache.putIfNewer(key, entry);
                    }
                });
    }
}
