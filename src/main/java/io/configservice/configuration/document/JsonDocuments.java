package io.configservice.configuration.document;

import io.configservice.crypto.Sha256;
import io.configservice.persistence.StorableJson;
import io.configservice.persistence.UnstorableJsonException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Canonical form, checksum and shape checks of configuration documents. */
public final class JsonDocuments {

    private JsonDocuments() {}

    /**
     * Compact JSON with object members sorted by name at every level: equal documents give equal
     * text.
     */
    public static String canonical(JsonMapper mapper, JsonNode document) {
        return mapper.writeValueAsString(sorted(document));
    }

    public static String checksum(String canonicalJson) {
        return Sha256.hex(canonicalJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws DocumentException {@code INVALID} unless the value is a JSON object
     * @throws UnstorableJsonException when it is nested deeper than {@code maxDepth} or cannot be
     *     stored
     */
    public static ObjectNode requireDocument(JsonNode value, int maxDepth, String what) {
        if (!(value instanceof ObjectNode document)) {
            throw DocumentException.invalid(what + " must be a JSON object");
        }
        requireDepth(document, maxDepth);
        return document;
    }

    /**
     * @throws UnstorableJsonException when the document cannot be stored as it is (see {@link
     *     StorableJson})
     */
    public static void requireDepth(JsonNode value, int maxDepth) {
        StorableJson.require(value, maxDepth, "Document");
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> members = new TreeMap<>();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                members.put(member.getKey(), sorted(member.getValue()));
            }
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            members.forEach(result::set);
            return result;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode(array.size());
            array.values().forEach(element -> result.add(sorted(element)));
            return result;
        }
        return node;
    }
}
