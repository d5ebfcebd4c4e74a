package io.configservice.configuration.document;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deep difference of two documents: objects are compared member by member, anything else (scalars,
 * arrays) as one value. Changes come out depth first, members in name order. The same difference is
 * available as dot-path changes (write responses, history, events) and as RFC 6902 JSON Patch
 * operations.
 */
public final class ConfigurationDiff {

    private ConfigurationDiff() {}

    public static List<ConfigurationChange> between(ObjectNode before, ObjectNode after) {
        return differences(before, after).stream()
                .map(
                        d ->
                                new ConfigurationChange(
                                        String.join(".", d.segments()),
                                        d.op(),
                                        d.oldValue(),
                                        d.newValue()))
                .toList();
    }

    /** The difference as JSON Patch operations that turn {@code before} into {@code after}. */
    public static List<JsonPatchOperation> jsonPatch(ObjectNode before, ObjectNode after) {
        return differences(before, after).stream()
                .map(
                        d ->
                                new JsonPatchOperation(
                                        switch (d.op()) {
                                            case "added" -> "add";
                                            case "removed" -> "remove";
                                            default -> "replace";
                                        },
                                        pointer(d.segments()),
                                        d.newValue()))
                .toList();
    }

    public static List<String> changedKeys(List<ConfigurationChange> changes) {
        return changes.stream().map(ConfigurationChange::path).toList();
    }

    private static List<Difference> differences(ObjectNode before, ObjectNode after) {
        List<Difference> found = new ArrayList<>();
        diffObjects(List.of(), before, after, found);
        return found;
    }

    private static void diffObjects(
            List<String> prefix, ObjectNode before, ObjectNode after, List<Difference> found) {
        TreeSet<String> names = new TreeSet<>(before.propertyNames());
        names.addAll(after.propertyNames());
        for (String name : names) {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old == null) {
                found.add(new Difference(path, "added", null, now));
            } else if (now == null) {
                found.add(new Difference(path, "removed", old, null));
            } else if (old instanceof ObjectNode oldObject && now instanceof ObjectNode newObject) {
                diffObjects(path, oldObject, newObject, found);
            } else if (!old.equals(now)) {
                found.add(new Difference(path, "changed", old, now));
            }
        }
    }

    private static String pointer(List<String> segments) {
        StringBuilder pointer = new StringBuilder();
        for (String segment : segments) {
            pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private record Difference(
            List<String> segments,
            String op,
            @Nullable JsonNode oldValue,
            @Nullable JsonNode newValue) {}
}
