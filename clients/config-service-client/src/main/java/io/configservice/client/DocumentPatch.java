package io.configservice.client;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the service's effective diffs to a document and computes them between two documents, with
 * the service's rules: objects differ member by member, anything else (scalars, arrays) as one
 * value, paths join member names with {@code .}. A path is ambiguous when a member name holds a
 * {@code .}; such a document is never patched (the client reads the whole configuration instead).
 */
final class DocumentPatch {

    private DocumentPatch() {}

    /** The document after the changes, or empty when they cannot be applied unambiguously to it. */
    static Optional<ObjectNode> apply(ObjectNode document, List<PathChange> changes) {
        if (hasDottedName(document)) {
            return Optional.empty();
        }
        ObjectNode result = document.deepCopy();
        for (PathChange change : changes) {
            if (change.newValue() != null && hasDottedName(change.newValue())
                    || !applyOne(result, change)) {
                return Optional.empty();
            }
        }
        return Optional.of(result);
    }

    /** Dot paths of every value that differs between two documents. */
    static Set<String> changedPaths(ObjectNode before, ObjectNode after) {
        Set<String> paths = new TreeSet<>();
        collect("", before, after, paths);
        return paths;
    }

    private static boolean applyOne(ObjectNode document, PathChange change) {
        String[] segments = change.path().split("\\.", -1);
        ObjectNode parent = document;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode child = parent.get(segments[i]);
            if (child == null && !"removed".equals(change.op())) {
                child = parent.putObject(segments[i]);
            }
            if (!(child instanceof ObjectNode object)) {
                return false;
            }
            parent = object;
        }
        String name = segments[segments.length - 1];
        switch (change.op()) {
            case "removed" -> {
                if (parent.remove(name) == null) {
                    return false;
                }
            }
            case "added", "changed" -> {
                if (change.newValue() == null) {
                    return false;
                }
                parent.set(name, change.newValue().deepCopy());
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void collect(
            String prefix, ObjectNode before, ObjectNode after, Set<String> paths) {
        Set<String> names = new TreeSet<>(before.propertyNames());
        names.addAll(after.propertyNames());
        for (String name : names) {
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old instanceof ObjectNode oldObject && now instanceof ObjectNode newObject) {
                collect(path, oldObject, newObject, paths);
            } else if (old == null || !old.equals(now)) {
                paths.add(path);
            }
        }
    }

    private static boolean hasDottedName(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> members = object.properties().iterator();
                    members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                if (member.getKey().contains(".")
                        || member.getKey().isEmpty()
                        || hasDottedName(member.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }
}
