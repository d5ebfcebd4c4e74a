package io.configservice.environment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Walks the {@code inheritsFrom} graph of a set of environment definitions. */
public final class Inheritance {

    private Inheritance() {}

    /** Every environment that inherits from the given one, directly or through others. */
    public static Set<String> descendants(
            String environment, Map<String, EnvironmentDefinition> definitions) {
        Map<String, List<String>> children = new HashMap<>();
        for (EnvironmentDefinition definition : definitions.values()) {
            for (String parent : definition.inheritsFrom()) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(definition.id());
            }
        }
        Set<String> found = new HashSet<>();
        List<String> pending = new ArrayList<>(List.of(environment));
        while (!pending.isEmpty()) {
            for (String child :
                    children.getOrDefault(pending.remove(pending.size() - 1), List.of())) {
                if (found.add(child)) {
                    pending.add(child);
                }
            }
        }
        return found;
    }

    /** The environment, then every environment that inherits from it, in id order. */
    public static List<String> selfAndDescendants(
            String environment, Map<String, EnvironmentDefinition> definitions) {
        List<String> result = new ArrayList<>(List.of(environment));
        result.addAll(new TreeSet<>(descendants(environment, definitions)));
        return result;
    }

    /** Every environment the given one inherits from, directly or through others. */
    public static Set<String> ancestors(
            String environment, Map<String, EnvironmentDefinition> definitions) {
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
