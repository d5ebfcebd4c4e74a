package io.configservice.configuration.effective;

import io.configservice.environment.EnvironmentDefinition;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes effective configurations. The effective configuration of a service in environment E is
 * the deep merge of the effective configurations of E's parents (in {@code inheritsFrom} order),
 * then the service's own document in E, then E's configuration overrides. Merging follows RFC 7396:
 * objects merge member by member, any other value replaces, and {@code null} removes the member.
 * Every leaf remembers which layer supplied it.
 */
final class EffectiveResolver {

    private final Map<String, EnvironmentDefinition> environments;
    private final Map<String, Integer> ownVersions;
    private final Function<String, ObjectNode> ownDocument;
    private final Map<String, ObjectNode> resolved = new HashMap<>();
    private final Map<String, Layered> explained = new HashMap<>();
    private final Map<String, List<EffectiveLayer>> layers = new HashMap<>();

    /**
     * @param environments every environment's definition (inheritance must be acyclic)
     * @param ownVersions the version of the service's own document per environment id that has one
     * @param ownDocument the service's own document in an environment of {@code ownVersions}, asked
     *     for at most once per environment and only when needed
     */
    EffectiveResolver(
            Map<String, EnvironmentDefinition> environments,
            Map<String, Integer> ownVersions,
            Function<String, ObjectNode> ownDocument) {
        this.environments = environments;
        this.ownVersions = ownVersions;
        this.ownDocument = ownDocument;
    }

    /** Whether any layer of this environment or its ancestors holds a document of the service. */
    boolean hasConfiguration(String environment) {
        if (ownVersions.containsKey(environment)) {
            return true;
        }
        EnvironmentDefinition definition = environments.get(environment);
        return definition != null
                && definition.inheritsFrom().stream().anyMatch(this::hasConfiguration);
    }

    /** The effective document; the layer of each leaf is worked out only by {@link #explain}. */
    ObjectNode configuration(String environment) {
        ObjectNode cached = resolved.get(environment);
        if (cached != null) {
            return cached;
        }
        EnvironmentDefinition definition = environments.get(environment);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (String parent : definition == null ? List.<String>of() : definition.inheritsFrom()) {
            mergeDocument(result, configuration(parent));
        }
        if (ownVersions.containsKey(environment)) {
            mergeDocument(result, ownDocument.apply(environment));
        }
        if (definition != null) {
            mergeDocument(result, definition.configurationOverrides());
        }
        resolved.put(environment, result);
        return result;
    }

    Map<String, LeafSource> explain(String environment) {
        return new TreeMap<>(layered(environment).sources());
    }

    /**
     * The layers that contribute to the environment's effective configuration, in merge order, each
     * once.
     */
    List<EffectiveLayer> layers(String environment) {
        List<EffectiveLayer> known = layers.get(environment);
        if (known != null) {
            return known;
        }
        Set<EffectiveLayer> found = new LinkedHashSet<>();
        EnvironmentDefinition definition = environments.get(environment);
        if (definition != null) {
            definition.inheritsFrom().forEach(parent -> found.addAll(layers(parent)));
        }
        Integer own = ownVersions.get(environment);
        if (own != null) {
            found.add(EffectiveLayer.configuration(environment, own));
        }
        if (definition != null && !definition.configurationOverrides().isEmpty()) {
            found.add(EffectiveLayer.overrides(environment));
        }
        List<EffectiveLayer> result = List.copyOf(found);
        layers.put(environment, result);
        return result;
    }

    /** The version of the service's own document in the environment, if it has one. */
    @Nullable Integer ownVersion(String environment) {
        return ownVersions.get(environment);
    }

    private Layered layered(String environment) {
        Layered cached = explained.get(environment);
        if (cached != null) {
            return cached;
        }
        EnvironmentDefinition definition = environments.get(environment);
        Layered result = new Layered(JsonNodeFactory.instance.objectNode(), new TreeMap<>());
        List<String> parents = definition == null ? List.of() : definition.inheritsFrom();
        for (String parent : parents) {
            Layered inherited = layered(parent);
            merge(result, "", inherited.document(), inherited.sources()::get);
        }
        Integer own = ownVersions.get(environment);
        if (own != null) {
            LeafSource source = LeafSource.configuration(environment, own);
            merge(result, "", ownDocument.apply(environment), path -> source);
        }
        if (definition != null) {
            LeafSource source = LeafSource.override(environment);
            merge(result, "", definition.configurationOverrides(), path -> source);
        }
        explained.put(environment, result);
        return result;
    }

    /**
     * RFC 7396: objects merge member by member, any other value replaces (copied), {@code null}
     * removes.
     */
    private static void mergeDocument(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(member.getKey());
            } else if (value instanceof ObjectNode patchObject) {
                JsonNode existing = target.get(member.getKey());
                mergeDocument(
                        existing instanceof ObjectNode existingObject
                                ? existingObject
                                : target.putObject(member.getKey()),
                        patchObject);
            } else {
                target.set(member.getKey(), value.deepCopy());
            }
        }
    }

    private static void merge(
            Layered target,
            String prefix,
            ObjectNode patch,
            Function<String, @Nullable LeafSource> sourceOf) {
        mergeObject(target.document(), target.sources(), prefix, patch, sourceOf);
    }

    private static void mergeObject(
            ObjectNode target,
            NavigableMap<String, LeafSource> sources,
            String prefix,
            ObjectNode patch,
            Function<String, @Nullable LeafSource> sourceOf) {
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(name);
                forget(sources, path);
            } else if (value instanceof ObjectNode patchObject) {
                JsonNode existing = target.get(name);
                ObjectNode child;
                if (existing instanceof ObjectNode existingObject) {
                    child = existingObject;
                } else {
                    forget(sources, path);
                    child = target.putObject(name);
                }
                mergeObject(child, sources, path, patchObject, sourceOf);
            } else {
                forget(sources, path);
                target.set(name, value.deepCopy());
                LeafSource source = sourceOf.apply(path);
                if (source != null) {
                    sources.put(path, source);
                }
            }
        }
    }

    /**
     * Forgets the sources of the path and of everything below it: the keys from {@code path + "."}
     * up to (not including) {@code path + "/"} ({@code '/'} follows {@code '.'}) are exactly those
     * under the path, so this costs a logarithmic search plus what it removes, and a merge stays
     * linear in the number of leaves.
     */
    private static void forget(NavigableMap<String, LeafSource> sources, String path) {
        sources.remove(path);
        sources.subMap(path + ".", path + "/").clear();
    }

    private record Layered(ObjectNode document, NavigableMap<String, LeafSource> sources) {}
}
