package io.configservice.configuration;

import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads, sets and removes the value at a {@link KeyPath} in a JSON document. Edits work on a copy. */
final class JsonPathEditor {

    private JsonPathEditor() {
    }

    static Optional<JsonNode> get(JsonNode root, KeyPath path) {
        JsonNode node = root;
        for (String segment : path.segments()) {
            node = child(node, segment);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    /**
     * Sets the value at the path, creating missing objects on the way.
     *
     * @throws ApiException {@code INVALID_REQUEST} when the path runs through a scalar or past an array's end
     */
    static ObjectNode set(ObjectNode root, KeyPath path, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (String segment : path.parent()) {
            JsonNode next = child(parent, segment);
            if (next == null) {
                if (!(parent instanceof ObjectNode object)) {
                    throw notAContainer(path);
                }
                next = object.putObject(segment);
            }
            parent = next;
        }
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else if (parent instanceof ArrayNode array && index(array, path.last()) >= 0) {
            array.set(index(array, path.last()), value);
        } else {
            throw notAContainer(path);
        }
        return copy;
    }

    /** @throws ApiException {@code KEY_NOT_FOUND} when nothing is at the path */
    static ObjectNode remove(ObjectNode root, KeyPath path) {
        ObjectNode copy = root.deepCopy();
        JsonNode parent = get(copy, new KeyPath(path.text(), path.parent())).orElse(null);
        if (parent instanceof ObjectNode object && object.has(path.last())) {
            object.remove(path.last());
        } else if (parent instanceof ArrayNode array && index(array, path.last()) >= 0) {
            array.remove(index(array, path.last()));
        } else {
            throw keyNotFound(path);
        }
        return copy;
    }

    static ApiException keyNotFound(KeyPath path) {
        return new ApiException(ErrorCode.KEY_NOT_FOUND, "Configuration key '" + path.text() + "' not found");
    }

    static ObjectNode emptyDocument() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static @Nullable JsonNode child(JsonNode node, String segment) {
        if (node instanceof ObjectNode object) {
            return object.get(segment);
        }
        if (node instanceof ArrayNode array) {
            int i = index(array, segment);
            return i >= 0 ? array.get(i) : null;
        }
        return null;
    }

    private static int index(ArrayNode array, String segment) {
        if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int i = Integer.parseInt(segment);
        return i < array.size() ? i : -1;
    }

    private static ApiException notAContainer(KeyPath path) {
        return ApiException.invalidRequest(
                "Key '" + path.text() + "' runs through a value that is not an object or an existing array element");
    }
}
