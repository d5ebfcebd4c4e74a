package io.configservice.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A rotation policy as the API shows it; durations are ISO-8601. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RotationPolicyResponse(
        String id,
        String name,
        @Nullable String description,
        String rotationInterval,
        String gracePeriod,
        GeneratorSettings generator,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String createdBy,
        @Nullable String updatedBy) {}
