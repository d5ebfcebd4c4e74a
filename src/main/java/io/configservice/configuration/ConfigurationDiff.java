package io.configservice.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deep difference of two documents: objects are compared field by field, anything else (scalars, arrays) as one
 * value. Changes come out sorted by path.
 */
final class ConfigurationDiff {

    private ConfigurationDiff() {
    }

    static List<ConfigurationChange> between(ObjectNode before, ObjectNode after) {
        List<ConfigurationChange> changes = new ArrayList<>();
        diffObjects("", before, after, changes);
        return changes;
    }

    private static void diffObjects(String prefix, ObjectNode before, ObjectNode after,
            List<ConfigurationChange> changes) {
        TreeSet<String> names = new TreeSet<>(before.propertyNames());
        names.addAll(after.propertyNames());
        for (String name : names) {
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old == null) {
                changes.add(new ConfigurationChange(path, "added", null, now));
            } else if (now == null) {
                changes.add(new ConfigurationChange(path, "removed", old, null));
            } else if (old instanceof ObjectNode oldObject && now instanceof ObjectNode newObject) {
                diffObjects(path, oldObject, newObject, changes);
            } else if (!old.equals(now)) {
                changes.add(new ConfigurationChange(path, "changed", old, now));
            }
        }
    }

    static List<String> changedKeys(List<ConfigurationChange> changes) {
        return changes.stream().map(ConfigurationChange::path).toList();
    }
}
