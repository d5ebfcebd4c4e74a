package io.configservice.configuration;

import io.configservice.cache.ConfigurationCache;
import io.configservice.environment.EnvironmentChanged;
import io.configservice.environment.EnvironmentDefinition;
import io.configservice.environment.EnvironmentService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code effective_configurations} true, in the transaction of every change that can alter them: an own
 * document write (any write path, approvals included, ends in {@link ConfigurationCommandService}) and an environment
 * change. Under the service's lock it resolves the service once for all affected environments (the written one and
 * its descendants), and only where the checksum changed bumps the revision, logs the effective diff with its cause,
 * publishes {@link EffectiveConfigurationChanged} and writes the new entry through to the cache after commit.
 */
@Service
public class EffectiveMaterializer {

    private final EffectiveStore store;
    private final ConfigurationVersionRepository versions;
    private final EnvironmentService environments;
    private final ConfigurationCache cache;
    private final ApplicationEventPublisher events;
    private final EffectiveProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    public EffectiveMaterializer(EffectiveStore store, ConfigurationVersionRepository versions,
            EnvironmentService environments, ConfigurationCache cache, ApplicationEventPublisher events,
            EffectiveProperties properties, JsonMapper json, Clock clock) {
        this.store = store;
        this.versions = versions;
        this.environments = environments;
        this.cache = cache;
        this.events = events;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Takes the service's effective lock until the transaction ends, before anything of the service changes, and
     * gives every pair that has an effective configuration but no row yet (data from before rows were stored) its
     * row at revision 1, from the state as it is now.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(String serviceId) {
        store.lock(serviceId);
        materializeMissing(serviceId, environments.definitions());
    }

    /** The stored row of a pair, created first if it has none yet; empty when no layer holds a document. */
    @Transactional
    public Optional<StoredEffective> materialize(String serviceId, String environment) {
        lock(serviceId);
        return store.find(serviceId, environment);
    }

    /** Refreshes the written environment and its descendants after an own-document write in the same transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOwnDocumentWritten(String serviceId, String environment, EffectiveCause cause) {
        Map<String, EnvironmentDefinition> definitions = environments.definitions();
        Set<String> affected = new HashSet<>(Inheritance.descendants(environment, definitions));
        affected.add(environment);
        refresh(serviceId, definitions, affected, cause);
    }

    /**
     * Refreshes, for every service with a document in a related environment, the changed environment and its
     * descendants (before and after), and publishes {@link EnvironmentUpdated} with those whose content changed.
     */
    @EventListener
    public void onEnvironmentChanged(EnvironmentChanged change) {
        Set<String> touched = new TreeSet<>();
        touched.add(change.environmentId());
        touched.addAll(Inheritance.descendants(change.environmentId(), change.before()));
        touched.addAll(Inheritance.descendants(change.environmentId(), change.after()));
        Set<String> related = new HashSet<>(touched);
        related.addAll(Inheritance.ancestors(change.environmentId(), change.before()));
        related.addAll(Inheritance.ancestors(change.environmentId(), change.after()));
        Set<String> services = new TreeSet<>(versions.findServiceIdsIn(related));
        services.addAll(store.findServiceIdsIn(touched));
        EffectiveCause cause = EffectiveCause.environment(changedLayer(change), change.environmentId(),
                change.actor());
        List<EnvironmentUpdated.AffectedConfiguration> affected = new ArrayList<>();
        for (String serviceId : services) {
            store.lock(serviceId);
            materializeMissing(serviceId, change.before());
            for (String environment : refresh(serviceId, environments.definitions(), touched, cause)) {
                affected.add(new EnvironmentUpdated.AffectedConfiguration(serviceId, environment));
            }
        }
        events.publishEvent(new EnvironmentUpdated(change.environmentId(), change.actor(), affected));
    }

    private static String changedLayer(EnvironmentChanged change) {
        EnvironmentDefinition before = change.before().get(change.environmentId());
        EnvironmentDefinition after = change.after().get(change.environmentId());
        if (before == null || after == null) {
            return "environment";
        }
        boolean overrides = !before.configurationOverrides().equals(after.configurationOverrides());
        boolean parents = !before.inheritsFrom().equals(after.inheritsFrom());
        if (overrides == parents) {
            return "environment";
        }
        return overrides ? "overrides" : "inheritsFrom";
    }

    private void materializeMissing(String serviceId, Map<String, EnvironmentDefinition> definitions) {
        Map<String, StoredEffective> stored = store.findAll(serviceId);
        if (stored.keySet().containsAll(definitions.keySet())) {
            return;
        }
        EffectiveResolver resolver = resolver(definitions, serviceId);
        Instant now = clock.instant();
        for (String environment : definitions.keySet()) {
            if (!stored.containsKey(environment) && resolver.hasConfiguration(environment)) {
                String canonical = JsonDocuments.canonical(json, resolver.configuration(environment));
                store.upsert(new StoredEffective(serviceId, environment, 1, 1, canonical,
                        JsonDocuments.checksum(canonical), json.writeValueAsString(resolver.layers(environment)), now));
            }
        }
    }

    /** @return the environments whose effective content changed */
    private List<String> refresh(String serviceId, Map<String, EnvironmentDefinition> definitions,
            Collection<String> affected, EffectiveCause cause) {
        versions.flush();
        EffectiveResolver resolver = resolver(definitions, serviceId);
        Map<String, StoredEffective> stored = store.findAll(serviceId);
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        for (String environment : new TreeSet<>(affected)) {
            StoredEffective previous = stored.get(environment);
            boolean present = resolver.hasConfiguration(environment);
            if (previous == null && !present) {
                continue;
            }
            ObjectNode document = present ? resolver.configuration(environment) : JsonPathEditor.emptyDocument();
            String canonical = present ? JsonDocuments.canonical(json, document) : null;
            String checksum = canonical == null ? null : JsonDocuments.checksum(canonical);
            List<EffectiveLayer> layers = present ? resolver.layers(environment) : List.of();
            String layersJson = json.writeValueAsString(layers);
            if (previous != null && Objects.equals(previous.checksum(), checksum)) {
                if (!json.readTree(previous.layers()).equals(json.readTree(layersJson))) {
                    save(new StoredEffective(serviceId, environment, previous.revision(), previous.generation() + 1,
                            previous.canonical(), previous.checksum(), layersJson, now));
                }
                continue;
            }
            ObjectNode before = previous == null || previous.canonical() == null ? JsonPathEditor.emptyDocument()
                    : (ObjectNode) json.readTree(previous.canonical());
            List<ConfigurationChange> changes = ConfigurationDiff.between(before, document);
            long revision = previous == null ? 1 : previous.revision() + 1;
            save(new StoredEffective(serviceId, environment, revision, previous == null ? 1 : previous.generation() + 1,
                    canonical, checksum, layersJson, now));
            store.appendChange(serviceId, environment, revision, json.writeValueAsString(changes),
                    json.writeValueAsString(cause), now, revision - properties.changeLogSize());
            events.publishEvent(new EffectiveConfigurationChanged(serviceId, environment, revision,
                    resolver.ownVersion(environment), cause, changes, now));
            changed.add(environment);
        }
        return changed;
    }

    /** Stores the row and, after commit, writes it through to the cache (the newer generation wins). */
    private void save(StoredEffective row) {
        store.upsert(row);
        String key = EffectiveEntries.key(row.serviceId(), row.environment());
        var entry = EffectiveEntries.of(json, row);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                cache.putIfNewer(key, entry);
            }
        });
    }

    /** The resolver of a service's effective configurations over its current own documents in every environment. */
    EffectiveResolver resolver(Map<String, EnvironmentDefinition> definitions, String serviceId) {
        return new EffectiveResolver(definitions, currentDocuments(serviceId), this::parse);
    }

    /** Like {@link #resolver(Map, String)}, with the service's own document in one environment at an older version. */
    EffectiveResolver resolver(Map<String, EnvironmentDefinition> definitions, ConfigurationVersion pinned) {
        Map<String, ConfigurationVersion> own = new HashMap<>(currentDocuments(pinned.serviceId()));
        own.put(pinned.environment(), pinned);
        return new EffectiveResolver(definitions, own, this::parse);
    }

    private Map<String, ConfigurationVersion> currentDocuments(String serviceId) {
        return versions.findCurrentPerEnvironment(serviceId).stream()
                .collect(Collectors.toMap(ConfigurationVersion::environment, Function.identity()));
    }

    private ObjectNode parse(ConfigurationVersion version) {
        return (ObjectNode) json.readTree(version.configurationData());
    }
}
