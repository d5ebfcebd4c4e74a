package io.configservice.configuration.document;

import io.configservice.identifiers.Identifiers;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secret references in configuration documents: a string value that is exactly {@code
 * ${credential:KEY}} stands for the credential's current value. Documents are stored and served
 * with the references as they are; resolving them is a separate, explicit step: find the distinct
 * keys, read each credential once, then substitute.
 */
public final class SecretReferences {

    private static final Pattern REFERENCE =
            Pattern.compile(
                    "^\\$\\{credential:("
                            + Identifiers.unanchored(Identifiers.CREDENTIAL_KEY)
                            + ")}$");

    private SecretReferences() {}

    /** The distinct credential keys the document references, in document order. */
    public static Set<String> keys(JsonNode document) {
        Set<String> keys = new LinkedHashSet<>();
        collect(document, keys);
        return keys;
    }

    public static boolean isReference(JsonNode value) {
        return key(value) != null;
    }

    /**
     * A copy of the document with every reference replaced by its key's value in {@code values}.
     */
    public static JsonNode resolve(JsonNode node, Map<String, String> values) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                copy.set(member.getKey(), resolve(member.getValue(), values));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
            array.values().forEach(element -> copy.add(resolve(element, values)));
            return copy;
        }
        String key = key(node);
        return key == null ? node : JsonNodeFactory.instance.stringNode(values.get(key));
    }

    private static void collect(JsonNode node, Set<String> keys) {
        if (node.isContainer()) {
            node.values().forEach(child -> collect(child, keys));
            return;
        }
        String key = key(node);
        if (key != null) {
            keys.add(key);
        }
    }

    private static @Nullable String key(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        Matcher m = REFERENCE.matcher(node.asString());
        return m.matches() ? m.group(1) : null;
    }
}
