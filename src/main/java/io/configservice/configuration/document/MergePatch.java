package io.configservice.configuration.document;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7396 JSON merge patch. Written here rather than taken from a library: the algorithm is a
 * dozen lines fixed by the RFC, and the maintained patch libraries are built on Jackson 2 nodes
 * while this service uses Jackson 3.
 */
public final class MergePatch {

    private MergePatch() {}

    /**
     * Applies an object patch to a copy of the target: {@code null} removes a member, objects
     * merge, else replace.
     */
    public static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        ObjectNode result = target.deepCopy();
        merge(result, patch);
        return result;
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            JsonNode value = member.getValue();
            String name = member.getKey();
            if (value.isNull()) {
                target.remove(name);
            } else if (value instanceof ObjectNode patchObject) {
                JsonNode existing = target.get(name);
                ObjectNode child =
                        existing instanceof ObjectNode existingObject
                                ? existingObject
                                : target.putObject(name);
                merge(child, patchObject);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }
}
