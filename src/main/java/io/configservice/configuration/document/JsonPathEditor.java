package io.configservice.configuration.document;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads, sets and removes the value at a {@link KeyPath} in a JSON document. Edits change the
 * document they are given (callers own it, e.g. freshly parsed), so a batch of edits costs no copy
 * of the document; an edit that fails leaves it unchanged.
 */
public final class JsonPathEditor {

    private JsonPathEditor() {}

    public static Optional<JsonNode> get(JsonNode root, KeyPath path) {
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
     * Sets a copy of the value at the path, creating missing objects on the way.
     *
     * @return {@code root}, edited
     * @throws DocumentException {@code INVALID} when the path runs through a scalar or past an
     *     array's end; the document is unchanged then (objects are only created below the last
     *     existing one, where nothing can fail)
     */
    static ObjectNode set(ObjectNode root, KeyPath path, JsonNode value) {
        JsonNode parent = root;
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
            object.set(path.last(), value.deepCopy());
        } else if (parent instanceof ArrayNode array && index(array, path.last()) >= 0) {
            array.set(index(array, path.last()), value.deepCopy());
        } else {
            throw notAContainer(path);
        }
        return root;
    }

    /**
     * @return {@code root}, edited
     * @throws DocumentException {@code KEY_NOT_FOUND} when nothing is at the path; the document is
     *     unchanged then
     */
    public static ObjectNode remove(ObjectNode root, KeyPath path) {
        JsonNode parent = get(root, new KeyPath(path.text(), path.parent())).orElse(null);
        if (parent instanceof ObjectNode object && object.has(path.last())) {
            object.remove(path.last());
        } else if (parent instanceof ArrayNode array && index(array, path.last()) >= 0) {
            array.remove(index(array, path.last()));
        } else {
            throw keyNotFound(path);
        }
        return root;
    }

    public static DocumentException keyNotFound(KeyPath path) {
        return new DocumentException(
                DocumentException.Reason.KEY_NOT_FOUND,
                "Configuration key '" + path.text() + "' not found");
    }

    public static ObjectNode emptyDocument() {
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
        if (segment.isEmpty()
                || segment.length() > 9
                || !segment.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int i = Integer.parseInt(segment);
        return i < array.size() ? i : -1;
    }

    private static DocumentException notAContainer(KeyPath path) {
        return DocumentException.invalid(
                "Key '"
                        + path.text()
                        + "' runs through a value that is not an object or an existing array element");
    }
}
