package io.configservice.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One difference of an effective change, as the service reports it in events and the change feed.
 *
 * @param path dot path of the value (object members only: arrays change as a whole)
 * @param op {@code added}, {@code removed} or {@code changed}
 */
record PathChange(String path, String op, @Nullable JsonNode newValue) {

    static PathChange of(JsonNode change) {
        JsonNode newValue = change.get("newValue");
        return new PathChange(
                change.path("path").asString(),
                change.path("op").asString(),
                newValue == null
                                || newValue.isNull()
                                        && "removed".equals(change.path("op").asString())
                        ? null
                        : newValue);
    }
}
