package io.configservice.configuration.effective;

import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.configuration.document.ConfigurationDiff;
import io.configservice.configuration.document.JsonDocuments;
import io.configservice.configuration.document.JsonPathEditor;
import io.configservice.configuration.history.ConfigurationVersion;
import io.configservice.configuration.history.ConfigurationVersionRepository;
import io.configservice.environment.EnvironmentChanged;
import io.configservice.environment.EnvironmentDefinition;
import io.configservice.environment.EnvironmentService;
import io.configservice.environment.Inheritance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code effective_configurations} true, in the transaction of every change that can alter
 * them: an own document write (any write path, approvals included, ends in {@link
 * io.configservice.configuration.ConfigurationCommandService}) and an environment change. Under the
 * service's lock it reads the service's state once ({@link LockedService}), resolves the service
 * once for all affected environments (the written one and its descendants), and only where the
 * checksum changed stores a new revision with its logged diff and event ({@link EffectiveWriter}).
 */
@Service
public class EffectiveMaterializer {

    private final EffectiveStore store;
    private final EffectiveWriter writer;
    private final ConfigurationVersionRepository versions;
    private final EnvironmentService environments;
    private final EffectiveValidator validator;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    public EffectiveMaterializer(
            EffectiveStore store,
            EffectiveWriter writer,
            ConfigurationVersionRepository versions,
            EnvironmentService environments,
            EffectiveValidator validator,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.store = store;
        this.writer = writer;
        this.versions = versions;
        this.environments = environments;
        this.validator = validator;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Takes the service's effective lock until the transaction ends, before anything of the service
     * changes, and reads what every change of the service works from. Every pair that has an
     * effective configuration but no row yet (data from before rows were stored) gets its row at
     * revision 1, from the state as it is now.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LockedService lock(String serviceId) {
        store.lock(serviceId);
        Map<String, EnvironmentDefinition> definitions = environments.definitions();
        return withMissingRows(read(serviceId, definitions), definitions);
    }

    /**
     * The stored row of a pair, created first if it has none yet; empty when no layer holds a
     * document.
     */
    @Transactional
    public Optional<StoredEffective> materialize(String serviceId, String environment) {
        return Optional.ofNullable(lock(serviceId).stored().get(environment));
    }

    /**
     * What storing {@code proposed} as the service's own document in {@code environment}, at {@code
     * proposedVersion}, would make of the effective configurations of that environment and its
     * descendants, against the stored ones.
     */
    public EffectiveProposal propose(
            LockedService locked, String environment, int proposedVersion, ObjectNode proposed) {
        Map<String, Integer> ownVersions = new HashMap<>(versionsOf(locked.documents()));
        ownVersions.put(environment, proposedVersion);
        EffectiveResolver resolver =
                new EffectiveResolver(
                        locked.definitions(),
                        ownVersions,
                        env ->
                                env.equals(environment)
                                        ? proposed
                                        : parse(locked.documents().get(env)));
        List<ProposedEffective> result = new ArrayList<>();
        for (String affected : Inheritance.selfAndDescendants(environment, locked.definitions())) {
            StoredEffective previous = locked.stored().get(affected);
            boolean existed = previous != null && previous.canonical() != null;
            ObjectNode before =
                    existed
                            ? (ObjectNode) json.readTree(previous.canonical())
                            : JsonPathEditor.emptyDocument();
            boolean present = resolver.hasConfiguration(affected);
            ObjectNode after =
                    present ? resolver.configuration(affected) : JsonPathEditor.emptyDocument();
            List<ConfigurationChange> changes = ConfigurationDiff.between(before, after);
            boolean changed = !changes.isEmpty() || existed != present;
            if (affected.equals(environment) || changed) {
                result.add(
                        new ProposedEffective(
                                affected,
                                previous == null ? 0 : previous.revision(),
                                after,
                                changed,
                                changes,
                                existed ? before : null));
            }
        }
        return new EffectiveProposal(locked, environment, resolver, result);
    }

    /**
     * Stores what an own-document write makes of the effective configurations of the written
     * environment and its descendants, in the write's transaction, from its proposal (validated
     * and, where a policy applies, approved): the environments it changes get a new revision; the
     * others keep their content, under new layers.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void store(EffectiveProposal proposal, EffectiveCause cause) {
        LockedService locked = proposal.locked();
        EffectiveResolver resolver = proposal.resolver();
        Map<String, ProposedEffective> changed =
                proposal.environments().stream()
                        .filter(ProposedEffective::changed)
                        .collect(
                                Collectors.toMap(
                                        ProposedEffective::environment, Function.identity()));
        Instant now = clock.instant();
        for (String environment :
                new TreeSet<>(
                        Inheritance.selfAndDescendants(
                                proposal.environment(), locked.definitions()))) {
            StoredEffective previous = locked.stored().get(environment);
            boolean present = resolver.hasConfiguration(environment);
            ProposedEffective change = changed.get(environment);
            if (change != null) {
                writer.revise(
                        locked.serviceId(),
                        environment,
                        previous,
                        present ? JsonDocuments.canonical(json, change.configuration()) : null,
                        layers(resolver, environment, present),
                        change.changes(),
                        resolver.ownVersion(environment),
                        cause,
                        now);
            } else if (previous != null) {
                writer.relayer(previous, layers(resolver, environment, present), now);
            }
        }
    }

    /**
     * Refreshes, for every service with a document in a related environment, the changed
     * environment and its descendants (before and after), and publishes {@link EnvironmentUpdated}
     * with those whose content changed.
     *
     * @throws io.configservice.web.ApiException {@code VALIDATION_ERROR} when a changed effective
     *     configuration breaks its service's schema; the environment change is then rolled back
     *     with everything else
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
        EffectiveCause cause =
                EffectiveCause.environment(
                        changedLayer(change), change.environmentId(), change.actor());
        List<EnvironmentUpdated.AffectedConfiguration> affected = new ArrayList<>();
        for (String serviceId : services) {
            store.lock(serviceId);
            LockedService locked =
                    withMissingRows(read(serviceId, change.after()), change.before());
            for (String environment : refresh(locked, touched, cause)) {
                affected.add(new EnvironmentUpdated.AffectedConfiguration(serviceId, environment));
            }
        }
        events.publishEvent(
                new EnvironmentUpdated(change.environmentId(), change.actor(), affected));
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

    /**
     * Resolves the touched environments of a service after an environment change and stores each
     * whose content changed as a new revision, after checking every changed one against the
     * service's schema.
     *
     * @return the environments whose effective content changed
     */
    private List<String> refresh(LockedService locked, Set<String> touched, EffectiveCause cause) {
        EffectiveResolver resolver = resolver(locked.definitions(), locked.documents());
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        List<EffectiveCandidate> candidates = new ArrayList<>();
        for (String environment : touched) {
            StoredEffective previous = locked.stored().get(environment);
            boolean present = resolver.hasConfiguration(environment);
            if (previous == null && !present) {
                continue;
            }
            String layers = layers(resolver, environment, present);
            ObjectNode document =
                    present ? resolver.configuration(environment) : JsonPathEditor.emptyDocument();
            String canonical = present ? JsonDocuments.canonical(json, document) : null;
            if (previous != null
                    && Objects.equals(
                            previous.checksum(),
                            canonical == null ? null : JsonDocuments.checksum(canonical))) {
                writer.relayer(previous, layers, now);
                continue;
            }
            ObjectNode before =
                    previous == null || previous.canonical() == null
                            ? JsonPathEditor.emptyDocument()
                            : (ObjectNode) json.readTree(previous.canonical());
            writer.revise(
                    locked.serviceId(),
                    environment,
                    previous,
                    canonical,
                    layers,
                    ConfigurationDiff.between(before, document),
                    resolver.ownVersion(environment),
                    cause,
                    now);
            changed.add(environment);
            if (present) {
                candidates.add(
                        new EffectiveCandidate(
                                environment,
                                document,
                                () ->
                                        baselines(
                                                previous,
                                                locked.definitions().get(environment),
                                                locked.stored())));
            }
        }
        validator.requireValid(locked.serviceId(), candidates);
        return changed;
    }

    /**
     * What an environment's effective configuration was built from: its previous document, or its
     * parents'.
     */
    private List<ObjectNode> baselines(
            @Nullable StoredEffective previous,
            @Nullable EnvironmentDefinition definition,
            Map<String, StoredEffective> stored) {
        if (previous != null && previous.canonical() != null) {
            return List.of((ObjectNode) json.readTree(previous.canonical()));
        }
        List<String> parents = definition == null ? List.of() : definition.inheritsFrom();
        return parents.stream()
                .map(stored::get)
                .filter(row -> row != null && row.canonical() != null)
                .map(row -> (ObjectNode) json.readTree(row.canonical()))
                .toList();
    }

    private String layers(EffectiveResolver resolver, String environment, boolean present) {
        return json.writeValueAsString(present ? resolver.layers(environment) : List.of());
    }

    private LockedService read(String serviceId, Map<String, EnvironmentDefinition> definitions) {
        return new LockedService(
                serviceId, definitions, currentDocuments(serviceId), store.findAll(serviceId));
    }

    /**
     * Stores revision 1 of every pair that has an effective configuration under {@code definitions}
     * but no row, and returns the service's state with those rows.
     */
    private LockedService withMissingRows(
            LockedService locked, Map<String, EnvironmentDefinition> definitions) {
        if (locked.stored().keySet().containsAll(definitions.keySet())) {
            return locked;
        }
        EffectiveResolver resolver = resolver(definitions, locked.documents());
        Map<String, StoredEffective> stored = new LinkedHashMap<>(locked.stored());
        Instant now = clock.instant();
        for (String environment : definitions.keySet()) {
            if (!stored.containsKey(environment) && resolver.hasConfiguration(environment)) {
                String canonical =
                        JsonDocuments.canonical(json, resolver.configuration(environment));
                StoredEffective row =
                        new StoredEffective(
                                locked.serviceId(),
                                environment,
                                1,
                                1,
                                canonical,
                                JsonDocuments.checksum(canonical),
                                json.writeValueAsString(resolver.layers(environment)),
                                now);
                store.upsert(row);
                stored.put(environment, row);
            }
        }
        return new LockedService(
                locked.serviceId(), locked.definitions(), locked.documents(), stored);
    }

    /**
     * The resolver of a service's effective configurations over its current own documents in every
     * environment.
     */
    EffectiveResolver resolver(Map<String, EnvironmentDefinition> definitions, String serviceId) {
        return resolver(definitions, currentDocuments(serviceId));
    }

    /**
     * Like {@link #resolver(Map, String)}, with the service's own document in one environment at an
     * older version.
     */
    EffectiveResolver resolver(
            Map<String, EnvironmentDefinition> definitions, ConfigurationVersion pinned) {
        Map<String, ConfigurationVersion> own = new HashMap<>(currentDocuments(pinned.serviceId()));
        own.put(pinned.environment(), pinned);
        return resolver(definitions, own);
    }

    private EffectiveResolver resolver(
            Map<String, EnvironmentDefinition> definitions, Map<String, ConfigurationVersion> own) {
        return new EffectiveResolver(definitions, versionsOf(own), env -> parse(own.get(env)));
    }

    private static Map<String, Integer> versionsOf(Map<String, ConfigurationVersion> documents) {
        return documents.values().stream()
                .collect(
                        Collectors.toMap(
                                ConfigurationVersion::environment, ConfigurationVersion::version));
    }

    private Map<String, ConfigurationVersion> currentDocuments(String serviceId) {
        return versions.findCurrentPerEnvironment(serviceId).stream()
                .collect(Collectors.toMap(ConfigurationVersion::environment, Function.identity()));
    }

    private ObjectNode parse(ConfigurationVersion version) {
        return (ObjectNode) json.readTree(version.configurationData());
    }
}
