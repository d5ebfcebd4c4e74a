package io.configservice.configuration;

import io.configservice.environment.EnvironmentChanged;
import io.configservice.environment.EnvironmentDefinition;
import io.configservice.environment.EnvironmentService;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves effective configurations (inheritance and overrides applied) and works out which effective
 * configurations an environment change touched. Effective configurations are computed from the database on every
 * request (two queries), so a change to a parent or an environment is visible at once.
 */
@Service
public class EffectiveConfigurationService {

    private final ConfigurationVersionRepository versions;
    private final EnvironmentService environments;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    public EffectiveConfigurationService(ConfigurationVersionRepository versions, EnvironmentService environments,
            ApplicationEventPublisher events, JsonMapper json) {
        this.versions = versions;
        this.environments = environments;
        this.events = events;
        this.json = json;
    }

    /** @throws ApiException {@code NOT_FOUND} when no layer holds a document of the service */
    @Transactional(readOnly = true)
    public EffectiveConfiguration resolve(Caller caller, String serviceId, String environment, boolean explain) {
        ServiceIds.require(serviceId);
        environments.requireExists(environment);
        caller.requireReadConfiguration(serviceId);
        EffectiveResolver resolver = resolver(environments.definitions(), serviceId);
        if (!resolver.hasConfiguration(environment)) {
            throw ConfigurationQueryService.notFound(serviceId, environment);
        }
        return new EffectiveConfiguration(serviceId, environment, resolver.configuration(environment),
                explain ? resolver.explain(environment) : null);
    }

    /** Publishes {@link EnvironmentUpdated} with every effective configuration the change altered. */
    @EventListener
    public void onEnvironmentChanged(EnvironmentChanged change) {
        Set<String> touched = new TreeSet<>();
        touched.add(change.environmentId());
        touched.addAll(descendants(change.environmentId(), change.before()));
        touched.addAll(descendants(change.environmentId(), change.after()));
        Set<String> related = new HashSet<>(touched);
        related.addAll(ancestors(change.environmentId(), change.before()));
        related.addAll(ancestors(change.environmentId(), change.after()));
        List<EnvironmentUpdated.AffectedConfiguration> affected = new ArrayList<>();
        for (String serviceId : new TreeSet<>(versions.findServiceIdsIn(related))) {
            EffectiveResolver before = resolver(change.before(), serviceId);
            EffectiveResolver after = resolver(change.after(), serviceId);
            for (String environment : touched) {
                ObjectNode old = before.hasConfiguration(environment) ? before.configuration(environment) : null;
                ObjectNode now = after.hasConfiguration(environment) ? after.configuration(environment) : null;
                if (old == null ? now != null : !old.equals(now)) {
                    affected.add(new EnvironmentUpdated.AffectedConfiguration(serviceId, environment));
                }
            }
        }
        events.publishEvent(new EnvironmentUpdated(change.environmentId(), change.actor(), affected));
    }

    private EffectiveResolver resolver(Map<String, EnvironmentDefinition> definitions, String serviceId) {
        Map<String, ConfigurationVersion> own = versions.findCurrentPerEnvironment(serviceId).stream()
                .collect(Collectors.toMap(ConfigurationVersion::environment, Function.identity()));
        return new EffectiveResolver(definitions, own, v -> (ObjectNode) json.readTree(v.configurationData()));
    }

    private static Set<String> descendants(String environment, Map<String, EnvironmentDefinition> definitions) {
        Set<String> found = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (EnvironmentDefinition definition : definitions.values()) {
                boolean child = definition.inheritsFrom().contains(environment)
                        || definition.inheritsFrom().stream().anyMatch(found::contains);
                if (child && found.add(definition.id())) {
                    grew = true;
                }
            }
        }
        return found;
    }

    private static Set<String> ancestors(String environment, Map<String, EnvironmentDefinition> definitions) {
        Set<String> found = new HashSet<>();
        List<String> pending = new ArrayList<>(List.of(environment));
        while (!pending.isEmpty()) {
            EnvironmentDefinition definition = definitions.get(pending.remove(pending.size() - 1));
            if (definition != null) {
                for (String parent : definition.inheritsFrom()) {
                    if (found.add(parent)) {
                        pending.add(parent);
                    }
                }
            }
        }
        return found;
    }
}
