package io.configservice.persistence;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The rules a JSON value must meet before PostgreSQL stores it as {@code jsonb}: nesting within a
 * limit, finite numbers only (JSON has no Infinity or NaN, which Jackson produces from {@code
 * 1e999999}), and no NUL character in any string or member name (PostgreSQL text cannot hold one).
 */
public final class StorableJson {

    private StorableJson() {}

    /**
     * @throws UnstorableJsonException naming {@code what} when the value breaks a rule
     */
    public static void require(JsonNode value, int maxDepth, String what) {
        check(value, 1, maxDepth, what);
    }

    private static void check(JsonNode node, int depth, int maxDepth, String what) {
        if (node.isContainer() && depth > maxDepth) {
            throw new UnstorableJsonException(
                    what + " is nested deeper than " + maxDepth + " levels");
        }
        if (node.isNumber()
                && (node.isDouble() || node.isFloat())
                && !Double.isFinite(node.asDouble())) {
            throw new UnstorableJsonException(what + " holds a number out of range");
        }
        if (node.isString() && node.asString().indexOf('\0') >= 0) {
            throw new UnstorableJsonException(what + " holds a string with a NUL character");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (member.getKey().indexOf('\0') >= 0) {
                    throw new UnstorableJsonException(
                            what + " has a member name with a NUL character");
                }
                check(member.getValue(), depth + 1, maxDepth, what);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node.values()) {
                check(element, depth + 1, maxDepth, what);
            }
        }
    }
}
