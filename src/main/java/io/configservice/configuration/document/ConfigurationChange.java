package io.configservice.configuration.document;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One difference between two versions of a document.
 *
 * @param path dot path of the value
 * @param op {@code added}, {@code removed} or {@code changed}
 */
public record ConfigurationChange(
        String path, String op, @Nullable JsonNode oldValue, @Nullable JsonNode newValue) {}
