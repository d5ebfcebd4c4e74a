package io.configservice.configuration;

import io.configservice.cache.ConfigurationCache;
import io.configservice.environment.EnvironmentChanged;
import io.configservice.environment.EnvironmentDefinition;
import io.configservice.environment.EnvironmentService;
import io.configservice.environment.Inheritance;
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
import org.jspecify.annotations.Nullable;
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
    private final EffectiveSchemas schemas;
    private final JsonMapper json;
    private final Clock clock;

    public EffectiveMaterializer(EffectiveStore store, ConfigurationVersionRepository versions,
            EnvironmentService environments, ConfigurationCache cache, ApplicationEventPublisher events,
            EffectiveProperties properties, EffectiveSchemas schemas, JsonMapper json, Clock clock) {
        this.store = store;
        this.versions = versions;
        this.environments = environments;
        this.cache = cache;
        this.events = events;
        this.properties = properties;
        this.schemas = schemas;
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

    /**
     * Refreshes the written environment and its descendants after an own-document write in the same transaction,
     * taking their new content from {@code proposed}: what {@link #proposedEffective} computed for this write under
     * the same lock, so nothing is resolved twice.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOwnDocumentWritten(String serviceId, String environment, EffectiveCause cause,
            List<ProposedEffective> proposed) {
        Map<String, EnvironmentDefinition> definitions = environments.definitions();
        Map<String, ProposedEffective> changes = proposed.stream().filter(ProposedEffective::changed)
                .collect(Collectors.toMap(ProposedEffective::environment, Function.identity()));
        refresh(serviceId, definitions, Inheritance.selfAndDescendants(environment, definitions), cause, changes);
    }

    /**
     * Refreshes, for every service with a document in a related environment, the changed environment and its
     * descendants (before and after), and publishes {@link EnvironmentUpdated} with those whose content changed.
     *
     * @throws io.configservice.web.ApiException {@code VALIDATION_ERROR} when a changed effective configuration breaks
     *     its service's schema; the environment change is then rolled back with everything else
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
            for (String environment : refresh(serviceId, environments.definitions(), touched, cause, null)) {
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

    /**
     * @param proposed for an own-document write, the new content of each environment whose effective content it
     *     changes (already validated and, where a policy applies, approved): the others keep their content. For an
     *     environment change {@code null}: every affected environment is resolved here and each changed one is
     *     checked against the service's schema
     * @return the environments whose effective content changed
     */
    private List<String> refresh(String serviceId, Map<String, EnvironmentDefinition> definitions,
            Collection<String> affected, EffectiveCause cause, @Nullable Map<String, ProposedEffective> proposed) {
        versions.flush();
        EffectiveResolver resolver = resolver(definitions, serviceId);
        Map<String, StoredEffective> stored = store.findAll(serviceId);
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        List<EffectiveCandidate> candidates = new ArrayList<>();
        for (String environment : new TreeSet<>(affected)) {
            StoredEffective previous = stored.get(environment);
            boolean present = resolver.hasConfiguration(environment);
            if (previous == null && !present) {
                continue;
            }
            List<EffectiveLayer> layers = present ? resolver.layers(environment) : List.of();
            String layersJson = json.writeValueAsString(layers);
            ProposedEffective known = proposed == null ? null : proposed.get(environment);
            ObjectNode document = known != null ? known.configuration()
                    : present && (proposed == null || previous == null) ? resolver.configuration(environment) : null;
            String canonical = present && document != null ? JsonDocuments.canonical(json, document) : null;
            String checksum = canonical == null ? null : JsonDocuments.checksum(canonical);
            boolean unchanged = previous != null && (proposed != null ? known == null
                    : Objects.equals(previous.checksum(), checksum));
            if (unchanged) {
                if (!json.readTree(previous.layers()).equals(json.readTree(layersJson))) {
                    save(new StoredEffective(serviceId, environment, previous.revision(), previous.generation() + 1,
                            previous.canonical(), previous.checksum(), layersJson, now));
                }
                continue;
            }
            if (document == null) {
                document = JsonPathEditor.emptyDocument();
            }
            List<ConfigurationChange> changes = known != null ? known.changes() : ConfigurationDiff.between(
                    previous == null || previous.canonical() == null ? JsonPathEditor.emptyDocument()
                            : (ObjectNode) json.readTree(previous.canonical()), document);
            long revision = previous == null ? 1 : previous.revision() + 1;
            save(new StoredEffective(serviceId, environment, revision, previous == null ? 1 : previous.generation() + 1,
                    canonical, checksum, layersJson, now));
            store.appendChange(serviceId, environment, revision, json.writeValueAsString(changes),
                    json.writeValueAsString(cause), now, revision - properties.changeLogSize());
            events.publishEvent(new EffectiveConfigurationChanged(serviceId, environment, revision,
                    resolver.ownVersion(environment), cause, changes, now));
            changed.add(environment);
            if (present) {
                candidates.add(new EffectiveCandidate(environment, document,
                        () -> baselines(previous, definitions.get(environment), stored)));
            }
        }
        if (proposed == null) {
            schemas.requireValid(serviceId, candidates);
        }
        return changed;
    }

    /** What an environment's effective configuration was built from: its previous document, or its parents'. */
    private List<ObjectNode> baselines(@Nullable StoredEffective previous, @Nullable EnvironmentDefinition definition,
            Map<String, StoredEffective> stored) {
        if (previous != null && previous.canonical() != null) {
            return List.of((ObjectNode) json.readTree(previous.canonical()));
        }
        List<String> parents = definition == null ? List.of() : definition.inheritsFrom();
        return parents.stream().map(stored::get).filter(row -> row != null && row.canonical() != null)
                .map(row -> (ObjectNode) json.readTree(row.canonical())).toList();
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

    /**
     * What storing {@code proposed} as the service's own document in {@code environment} would make of the effective
     * configurations of that environment and its descendants, against the stored ones. Call it under the service's
     * lock ({@link #lock}), so nothing moves between this and the write.
     *
     * @return the written environment first, then each descendant whose effective content would change
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<ProposedEffective> proposedEffective(String serviceId, String environment, int proposedVersion,
            ObjectNode proposed) {
        Map<String, EnvironmentDefinition> definitions = environments.definitions();
        Map<String, ConfigurationVersion> current = currentDocuments(serviceId);
        Map<String, Integer> ownVersions = new HashMap<>(versionsOf(current));
        ownVersions.put(environment, proposedVersion);
        EffectiveResolver resolver = new EffectiveResolver(definitions, ownVersions,
                env -> env.equals(environment) ? proposed : parse(current.get(env)));
        Map<String, StoredEffective> stored = store.findAll(serviceId);
        List<ProposedEffective> result = new ArrayList<>();
        for (String affected : Inheritance.selfAndDescendants(environment, definitions)) {
            StoredEffective previous = stored.get(affected);
            ObjectNode before = previous == null || previous.canonical() == null ? JsonPathEditor.emptyDocument()
                    : (ObjectNode) json.readTree(previous.canonical());
            boolean present = resolver.hasConfiguration(affected);
            ObjectNode after = present ? resolver.configuration(affected) : JsonPathEditor.emptyDocument();
            List<ConfigurationChange> changes = ConfigurationDiff.between(before, after);
            boolean existed = previous != null && previous.canonical() != null;
            boolean changed = !changes.isEmpty() || existed != present;
            if (affected.equals(environment) || changed) {
                result.add(new ProposedEffective(affected, previous == null ? 0 : previous.revision(), after,
                        changed, changes, existed ? before : null));
            }
        }
        return result;
    }

    /** The current effective revision of each environment of the service that has one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, Long> revisions(String serviceId) {
        return store.findAll(serviceId).values().stream()
                .collect(Collectors.toMap(StoredEffective::environment, StoredEffective::revision));
    }

    /** The resolver of a service's effective configurations over its current own documents in every environment. */
    EffectiveResolver resolver(Map<String, EnvironmentDefinition> definitions, String serviceId) {
        return resolverOver(definitions, currentDocuments(serviceId));
    }

    /** Like {@link #resolver(Map, String)}, with the service's own document in one environment at an older version. */
    EffectiveResolver resolver(Map<String, EnvironmentDefinition> definitions, ConfigurationVersion pinned) {
        Map<String, ConfigurationVersion> own = new HashMap<>(currentDocuments(pinned.serviceId()));
        own.put(pinned.environment(), pinned);
        return resolverOver(definitions, own);
    }

    private EffectiveResolver resolverOver(Map<String, EnvironmentDefinition> definitions,
            Map<String, ConfigurationVersion> own) {
        return new EffectiveResolver(definitions, versionsOf(own), env -> parse(own.get(env)));
    }

    private Map<String, ConfigurationVersion> currentDocuments(String serviceId) {
        return versions.findCurrentPerEnvironment(serviceId).stream()
                .collect(Collectors.toMap(ConfigurationVersion::environment, Function.identity()));
    }

    private static Map<String, Integer> versionsOf(Map<String, ConfigurationVersion> documents) {
        return documents.values().stream()
                .collect(Collectors.toMap(ConfigurationVersion::environment, ConfigurationVersion::version));
    }

    private ObjectNode parse(ConfigurationVersion version) {
        return (ObjectNode) json.readTree(version.configurationData());
    }
}
