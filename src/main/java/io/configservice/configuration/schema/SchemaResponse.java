package io.configservice.configuration.schema;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A service's active JSON Schema and which version of it this is. */
public record SchemaResponse(
        String serviceId,
        int schemaVersion,
        JsonNode schema,
        @Nullable String description,
        Instant createdAt,
        @Nullable String createdBy) {}
