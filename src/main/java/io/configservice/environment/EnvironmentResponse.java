package io.configservice.environment;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An environment as the API shows it. */
public record EnvironmentResponse(
        String id,
        String name,
        String type,
        List<String> inheritsFrom,
        JsonNode properties,
        JsonNode configurationOverrides,
        RetentionPolicy retention,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String createdBy) {

    static EnvironmentResponse from(Environment environment, JsonMapper json) {
        return new EnvironmentResponse(
                environment.id(),
                environment.name(),
                environment.type(),
                environment.inheritsFrom(),
                json.readTree(environment.properties()),
                json.readTree(environment.configurationOverrides()),
                new RetentionPolicy(
                        environment.retentionMaxVersions(), environment.retentionMaxAgeDays()),
                environment.createdAt(),
                environment.updatedAt(),
                environment.createdBy());
    }
}
