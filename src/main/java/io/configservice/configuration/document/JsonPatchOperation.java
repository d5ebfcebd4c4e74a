package io.configservice.configuration.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One RFC 6902 JSON Patch operation ({@code add}, {@code remove} or {@code replace}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonPatchOperation(String op, String path, @Nullable JsonNode value) {}
