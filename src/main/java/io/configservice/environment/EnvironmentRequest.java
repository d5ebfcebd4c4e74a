package io.configservice.environment;

import io.configservice.identifiers.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST} and {@code PUT /api/v1/environments[/{id}]}. {@code id} is required on POST
 * and, when given on PUT, must match the path.
 *
 * @param inheritsFrom parent environments, merged in this order beneath this environment
 * @param configurationOverrides a document merged over every service's configuration in this
 *     environment
 */
public record EnvironmentRequest(
        @Pattern(
                        regexp = Identifiers.ENVIRONMENT_ID,
                        message = "must match " + Identifiers.ENVIRONMENT_ID)
                @Nullable String id,
        @NotBlank @Size(max = 100) String name,
        @NotBlank
                @Pattern(
                        regexp = "development|testing|staging|production",
                        message = "must be development, testing, staging or production")
                String type,
        @Size(max = 20)
                @Nullable
                        List<
                                @NotNull
                                @Pattern(
                                        regexp = Identifiers.ENVIRONMENT_ID,
                                        message = "must list environment ids")
                                String>
                        inheritsFrom,
        @Nullable JsonNode properties,
        @Nullable JsonNode configurationOverrides,
        @Valid @Nullable RetentionPolicy retention) {

    List<String> inheritsFromOrEmpty() {
        return inheritsFrom == null ? List.of() : inheritsFrom;
    }
}
