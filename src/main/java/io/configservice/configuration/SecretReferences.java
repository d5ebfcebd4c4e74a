package io.configservice.configuration;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secret references in configuration documents: a string value that is exactly {@code ${credential:KEY}} stands for
 * the credential's current value. Documents are stored and served with the references as they are; resolving them
 * is a separate, explicit step.
 */
final class SecretReferences {

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{credential:([a-zA-Z0-9._-]{1,200})}$");

    private SecretReferences() {
    }

    /** A copy of the document with every reference replaced by what {@code resolve} gives for its key. */
    static JsonNode resolve(JsonNode node, UnaryOperator<String> resolve) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                copy.set(member.getKey(), resolve(member.getValue(), resolve));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(array.size());
            array.values().forEach(element -> copy.add(resolve(element, resolve)));
            return copy;
        }
        if (node.isString()) {
            Matcher m = REFERENCE.matcher(node.asString());
            if (m.matches()) {
                return JsonNodeFactory.instance.stringNode(resolve.apply(m.group(1)));
            }
        }
        return node;
    }
}
