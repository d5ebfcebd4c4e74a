package io.configservice.configserver;

import io.configservice.configuration.SecretReferenceResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spring's flat property form of configuration documents, as a Config Server serves them: flattened
 * the way Spring's {@code YamlProcessor} flattens YAML, merged and rebuilt into a tree the way the
 * Config Server's {@code .json} and {@code .yml} forms do.
 */
final class SpringProperties {

    /**
     * The value the Config Server serves, under {@code invalid.<key>}, for a value it may not
     * decrypt.
     */
    static final String WITHHELD = "<n/a>";

    private static final String INVALID_PREFIX = "invalid.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonNode EMPTY = NODES.stringNode("");

    private SpringProperties() {}

    /**
     * The document's leaves by flat key: members joined with {@code .}, list elements as {@code
     * [i]}. An empty list and {@code null} become {@code ""}, an empty object nothing (as in YAML).
     * A {@code ${credential:KEY}} reference still in the document (the caller may not read
     * credentials) is withheld as {@code invalid.<key>: <n/a>}, so an application fails on the
     * missing property instead of reading the reference as a placeholder.
     */
    static Map<String, JsonNode> flatten(JsonNode document) {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        flatten("", document, flat);
        return flat;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> flat) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                flatten(
                        path.isEmpty() ? member.getKey() : path + "." + member.getKey(),
                        member.getValue(),
                        flat);
            }
        } else if (node instanceof ArrayNode array) {
            if (array.isEmpty()) {
                flat.put(path, EMPTY);
            }
            for (int i = 0; i < array.size(); i++) {
                flatten(path + "[" + i + "]", array.get(i), flat);
            }
        } else if (node.isNull()) {
            flat.put(path, EMPTY);
        } else if (SecretReferenceResolver.isReference(node)) {
            flat.put(INVALID_PREFIX + path, NODES.stringNode(WITHHELD));
        } else {
            flat.put(path, node);
        }
    }

    /**
     * One flat map of property sources given most specific first: a more specific source's key
     * wins, and a list (keys sharing the part before {@code [}) is taken whole from the most
     * specific source that has it.
     */
    static Map<String, JsonNode> merge(List<Map<String, JsonNode>> mostSpecificFirst) {
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        Map<String, Map<String, JsonNode>> lists = new LinkedHashMap<>();
        for (int s = mostSpecificFirst.size() - 1; s >= 0; s--) {
            Map<String, JsonNode> source = mostSpecificFirst.get(s);
            Map<String, Map<String, JsonNode>> sourceLists = new LinkedHashMap<>();
            source.forEach(
                    (key, value) -> {
                        int bracket = key.indexOf('[');
                        if (bracket < 0) {
                            merged.put(key, value);
                        } else {
                            sourceLists
                                    .computeIfAbsent(
                                            key.substring(0, bracket),
                                            prefix -> new LinkedHashMap<>())
                                    .put(key, value);
                        }
                    });
            lists.putAll(sourceLists);
        }
        lists.values().forEach(merged::putAll);
        return merged;
    }

    /**
     * The tree of flat properties: {@code a.b} becomes nested objects, {@code a[0]} a list element.
     * Where a key needs an object below a value another key already set ({@code a} and {@code
     * a.b}), the rest of the key stays one member name ({@code "a.b"} beside {@code a}), as the
     * Config Server writes it.
     */
    static ObjectNode tree(Map<String, JsonNode> flat) {
        ObjectNode root = NODES.objectNode();
        flat.forEach((key, value) -> put(root, segments(key), 0, value));
        return root;
    }

    private static void put(JsonNode container, List<Object> segments, int at, JsonNode value) {
        Object segment = segments.get(at);
        if (at == segments.size() - 1) {
            set(container, segment, value);
            return;
        }
        boolean listNext = segments.get(at + 1) instanceof Integer;
        JsonNode child = get(container, segment);
        if (child == null || child.isNull()) {
            child = listNext ? NODES.arrayNode() : NODES.objectNode();
            set(container, segment, child);
        } else if (child.isArray() != listNext || !child.isContainer()) {
            if (container instanceof ObjectNode object) {
                object.set(join(segments, at), value);
            }
            return;
        }
        put(child, segments, at + 1, value);
    }

    private static JsonNode get(JsonNode container, Object segment) {
        return segment instanceof Integer index
                ? container.get(index)
                : container.get((String) segment);
    }

    private static void set(JsonNode container, Object segment, JsonNode value) {
        if (container instanceof ArrayNode array && segment instanceof Integer index) {
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        } else if (container instanceof ObjectNode object) {
            object.set(segment.toString(), value);
        }
    }

    /**
     * {@code a.b[0].c} as {@code a}, {@code b}, {@code 0}, {@code c}; a bracket without a number is
     * part of a name.
     */
    static List<Object> segments(String key) {
        List<Object> segments = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        int i = 0;
        while (i < key.length()) {
            char c = key.charAt(i);
            int close = c == '[' ? key.indexOf(']', i) : -1;
            if (c == '.') {
                addName(segments, name);
                i++;
            } else if (close > i + 1
                    && key.substring(i + 1, close).chars().allMatch(Character::isDigit)
                    && close - i <= 10) {
                addName(segments, name);
                segments.add(Integer.parseInt(key.substring(i + 1, close)));
                i = close + 1;
            } else {
                name.append(c);
                i++;
            }
        }
        addName(segments, name);
        return segments;
    }

    private static void addName(List<Object> segments, StringBuilder name) {
        if (!name.isEmpty()) {
            segments.add(name.toString());
            name.setLength(0);
        }
    }

    private static String join(List<Object> segments, int from) {
        StringBuilder key = new StringBuilder();
        for (int i = from; i < segments.size(); i++) {
            Object segment = segments.get(i);
            if (segment instanceof Integer index) {
                key.append('[').append(index).append(']');
            } else {
                key.append(key.isEmpty() ? "" : ".").append(segment);
            }
        }
        return key.toString();
    }
}
