package io.configservice.configuration.document;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One operation of a batch.
 *
 * @param id the caller's name for the operation, echoed in its result
 * @param type {@code SET} or {@code DELETE}
 * @param key dot path of the value
 * @param value the value to set (required for {@code SET}; JSON {@code null} is a value)
 */
public record BatchOperation(
        @Nullable String id,
        @Nullable String type,
        @Nullable String key,
        @Nullable JsonNode value) {}
