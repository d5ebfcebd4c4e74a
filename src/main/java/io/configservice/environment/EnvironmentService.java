package io.configservice.environment;

import io.configservice.audit.AuditService;
import io.configservice.persistence.StorableJson;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.configservice.web.LimitProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Manages environments and knows which exist. The set of active ids is held in memory and refreshed
 * periodically, so checking an environment on the read path costs no query; an id not in the set is
 * looked up once before it is refused. Definitions used to resolve effective configurations are
 * always read fresh from the database.
 */
@Service
public class EnvironmentService {

    private final EnvironmentRepository environments;
    private final ApplicationEventPublisher events;
    private final OverrideApprovalGate gate;
    private final AuditService audit;
    private final JsonMapper json;
    private final Clock clock;
    private final LimitProperties limits;
    private volatile Set<String> activeIds = Set.of();

    public EnvironmentService(
            EnvironmentRepository environments,
            ApplicationEventPublisher events,
            OverrideApprovalGate gate,
            AuditService audit,
            JsonMapper json,
            Clock clock,
            LimitProperties limits) {
        this.environments = environments;
        this.events = events;
        this.gate = gate;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
    }

    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.environments-io.configservice.environment.EnvironmentProperties'"
                            + ".refreshInterval().toMillis()}")
    @Transactional(readOnly = true)
    public void refresh() {
        activeIds =
                environments.findByActiveTrueOrderById().stream()
                        .map(Environment::id)
                        .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Not transactional on purpose: it is on every read's path, and a known id must cost no
     * database connection.
     *
     * @throws ApiException {@code INVALID_REQUEST} when no active environment has this id
     */
    public void requireExists(String environment) {
        if (!isActive(environment)) {
            throw ApiException.invalidRequest("Unknown environment '" + environment + "'");
        }
    }

    /**
     * Whether an active environment has this id: from the set in memory, or, for an id not in it,
     * from one lookup (which refreshes the set when it finds one). Not transactional, as {@link
     * #requireExists}.
     */
    public boolean isActive(String environment) {
        if (activeIds.contains(environment)) {
            return true;
        }
        if (environment.length() > 50 || !environments.existsByIdAndActiveTrue(environment)) {
            return false;
        }
        refresh();
        return true;
    }

    /** Every active environment's definition, read from the database now. */
    @Transactional(readOnly = true)
    public Map<String, EnvironmentDefinition> definitions() {
        return definitionsOf(environments.findByActiveTrueOrderById());
    }

    @Transactional(readOnly = true)
    public List<EnvironmentResponse> list() {
        return environments.findByActiveTrueOrderById().stream()
                .map(e -> EnvironmentResponse.from(e, json))
                .toList();
    }

    @Transactional(readOnly = true)
    public EnvironmentResponse get(String id) {
        return EnvironmentResponse.from(find(id), json);
    }

    /**
     * @throws ApiException {@code ALREADY_EXISTS}, {@code INVALID_REQUEST} or {@code
     *     INHERITANCE_CYCLE}
     */
    @Transactional
    public EnvironmentResponse create(Caller caller, EnvironmentRequest request) {
        if (request.id() == null) {
            throw ApiException.invalidRequest("id is required");
        }
        if (environments.existsById(request.id())) {
            throw new ApiException(
                    ErrorCode.ALREADY_EXISTS, "Environment '" + request.id() + "' already exists");
        }
        Environment environment = new Environment(request.id(), caller.actor(), clock.instant());
        return save(caller.actor(), environment, request);
    }

    /**
     * Replaces an environment's definition. When the update changes {@code configurationOverrides}
     * or {@code inheritsFrom}, and the environment or one inheriting from it requires approval, the
     * whole update is held as a change request instead.
     */
    @Transactional
    public EnvironmentUpdate update(Caller caller, String id, EnvironmentRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw ApiException.invalidRequest("id in the body must match the path");
        }
        Environment environment = find(id);
        ObjectNode overrides = overrides(request, id);
        if (!overrides.equals(json.readTree(environment.configurationOverrides()))
                || !request.inheritsFromOrEmpty().equals(environment.inheritsFrom())) {
            objectOrEmpty(request.properties(), "properties");
            Map<String, EnvironmentDefinition> definitions = definitions();
            checkParents(id, request.inheritsFromOrEmpty(), definitions);
            Optional<PendingEnvironmentChange> held =
                    gate.hold(
                            new ProposedEnvironmentChange(
                                    caller.actor(),
                                    id,
                                    environment.updatedAt(),
                                    environment.configurationOverrides(),
                                    json.writeValueAsString(overrides),
                                    json.writeValueAsString(request),
                                    Inheritance.selfAndDescendants(id, definitions)));
            if (held.isPresent()) {
                return new EnvironmentUpdate.Held(held.get());
            }
        }
        return new EnvironmentUpdate.Applied(save(caller.actor(), environment, request));
    }

    /**
     * Applies a held update whose approval is complete, in the caller's transaction, if the
     * environment was not changed since the request was made.
     *
     * @return the updated environment, or empty when it changed meanwhile (or is gone); nothing is
     *     stored then
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<EnvironmentResponse> applyApproved(
            String id, String proposedRequest, Instant baseUpdatedAt, String actor) {
        Optional<Environment> current = environments.findForUpdate(id).filter(Environment::active);
        if (current.isEmpty() || !current.get().updatedAt().equals(baseUpdatedAt)) {
            return Optional.empty();
        }
        return Optional.of(
                save(
                        actor,
                        current.get(),
                        json.readValue(proposedRequest, EnvironmentRequest.class)));
    }

    /**
     * @throws ApiException {@code CONFLICT} while configurations live in it or environments inherit
     *     from it
     */
    @Transactional
    public void delete(Caller caller, String id) {
        Environment environment = find(id);
        List<String> children =
                environments.findByActiveTrueOrderById().stream()
                        .filter(e -> e.inheritsFrom().contains(id))
                        .map(Environment::id)
                        .toList();
        if (!children.isEmpty()) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "Environment '" + id + "' has environments inheriting from it",
                    Map.of("children", children));
        }
        if (environments.hasConfigurations(id)) {
            throw new ApiException(
                    ErrorCode.CONFLICT, "Environment '" + id + "' still holds configurations");
        }
        Map<String, EnvironmentDefinition> before = definitions();
        environments.delete(environment);
        environments.flush();
        audit.recordEnvironmentChange(
                id, "ENV_DELETE", caller.actor(), List.of(), null, clock.instant());
        Map<String, EnvironmentDefinition> after = new LinkedHashMap<>(before);
        after.remove(id);
        published(caller.actor(), id, before, after);
    }

    private EnvironmentResponse save(
            String actor, Environment environment, EnvironmentRequest request) {
        ObjectNode properties = objectOrEmpty(request.properties(), "properties");
        ObjectNode overrides = overrides(request, environment.id());
        Map<String, EnvironmentDefinition> before = definitions();
        checkParents(environment.id(), request.inheritsFromOrEmpty(), before);
        boolean created = !before.containsKey(environment.id());
        JsonNode previous = json.valueToTree(EnvironmentResponse.from(environment, json));
        environment.apply(
                request,
                json.writeValueAsString(properties),
                json.writeValueAsString(overrides),
                clock.instant());
        Environment saved = environments.saveAndFlush(environment);
        audit.recordEnvironmentChange(
                saved.id(),
                created ? "ENV_CREATE" : "ENV_UPDATE",
                actor,
                created
                        ? List.of()
                        : changedParts(
                                previous, json.valueToTree(EnvironmentResponse.from(saved, json))),
                null,
                saved.updatedAt());
        published(actor, saved.id(), before, definitions());
        return EnvironmentResponse.from(saved, json);
    }

    private void published(
            String actor,
            String id,
            Map<String, EnvironmentDefinition> before,
            Map<String, EnvironmentDefinition> after) {
        activeIds = Set.copyOf(after.keySet());
        events.publishEvent(new EnvironmentChanged(id, actor, before, after));
    }

    /** The members of the environment's definition that differ, for the audit row. */
    private static List<String> changedParts(JsonNode before, JsonNode after) {
        List<String> parts = new ArrayList<>();
        for (String name :
                List.of(
                        "name",
                        "type",
                        "inheritsFrom",
                        "properties",
                        "configurationOverrides",
                        "retention")) {
            if (!before.path(name).equals(after.path(name))) {
                parts.add(name);
            }
        }
        return parts;
    }

    private static void checkParents(
            String id, List<String> parents, Map<String, EnvironmentDefinition> existing) {
        if (new HashSet<>(parents).size() != parents.size()) {
            throw ApiException.invalidRequest("inheritsFrom lists an environment twice");
        }
        for (String parent : parents) {
            if (!existing.containsKey(parent) && !parent.equals(id)) {
                throw ApiException.invalidRequest(
                        "inheritsFrom names unknown environment '" + parent + "'");
            }
        }
        Map<String, List<String>> graph = new LinkedHashMap<>();
        existing.values().forEach(d -> graph.put(d.id(), d.inheritsFrom()));
        graph.put(id, parents);
        List<String> cycle = findCycle(id, graph, new ArrayList<>());
        if (cycle != null) {
            throw new ApiException(
                    ErrorCode.INHERITANCE_CYCLE,
                    "Environments would inherit in a loop: " + String.join(" -> ", cycle),
                    Map.of("cycle", cycle));
        }
    }

    private static @Nullable List<String> findCycle(
            String node, Map<String, List<String>> graph, List<String> path) {
        if (path.contains(node)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        path.add(node);
        for (String parent : graph.getOrDefault(node, List.of())) {
            List<String> cycle = findCycle(parent, graph, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    private Environment find(String id) {
        return environments
                .findById(id)
                .filter(Environment::active)
                .orElseThrow(() -> ApiException.notFound("No environment '" + id + "'"));
    }

    private ObjectNode objectOrEmpty(@Nullable JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(value instanceof ObjectNode object)) {
            throw ApiException.invalidRequest(field + " must be a JSON object");
        }
        StorableJson.require(object, limits.maxDocumentDepth(), field);
        return object;
    }

    /**
     * The overrides of a request, held to the limits of a stored configuration document they are
     * merged with.
     */
    private ObjectNode overrides(EnvironmentRequest request, String environmentId) {
        ObjectNode overrides =
                objectOrEmpty(request.configurationOverrides(), "configurationOverrides");
        limits.requireStorable(
                overrides,
                json.writeValueAsString(overrides),
                "configurationOverrides of environment '" + environmentId + "'");
        return overrides;
    }

    private Map<String, EnvironmentDefinition> definitionsOf(List<Environment> all) {
        return all.stream()
                .collect(
                        Collectors.toMap(
                                Environment::id,
                                this::definition,
                                (a, b) -> a,
                                LinkedHashMap::new));
    }

    private EnvironmentDefinition definition(Environment environment) {
        return new EnvironmentDefinition(
                environment.id(),
                environment.inheritsFrom(),
                (ObjectNode) json.readTree(environment.configurationOverrides()),
                new RetentionPolicy(
                        environment.retentionMaxVersions(), environment.retentionMaxAgeDays()));
    }
}
