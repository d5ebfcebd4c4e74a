package io.configservice.configuration;

import io.configservice.configuration.schema.ConfigurationSchemaService;
import io.configservice.configuration.schema.SchemaResponse;
import io.configservice.configuration.schema.ValidationResult;
import io.configservice.security.Caller;
import io.configservice.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** JSON Schema per service and validation of candidate documents. */
@RestController
@RequestMapping(path = "/api/v1/configurations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Schemas",
        description = "JSON Schema enforced on the effective configurations every write changes")
class ConfigurationSchemaController {

    private final ConfigurationSchemaService schemaService;

    ConfigurationSchemaController(ConfigurationSchemaService schemaService) {
        this.schemaService = schemaService;
    }

    @GetMapping("/{serviceId}/schema")
    @Operation(summary = "The service's active JSON Schema")
    ApiResponse<SchemaResponse> get(
            @AuthenticationPrincipal Caller caller, @PathVariable String serviceId) {
        return ApiResponse.ok(schemaService.get(caller, serviceId));
    }

    @PutMapping(path = "/{serviceId}/schema", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Store a new schema version (the body is the JSON Schema; 2020-12 unless $schema says draft-07)")
    ApiResponse<SchemaResponse> put(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(required = false) @Nullable String description,
            @Parameter(
                            description =
                                    "Store it even though current effective configurations violate it")
                    @RequestParam(defaultValue = "false")
                    boolean force,
            @RequestBody JsonNode schema) {
        return ApiResponse.ok(schemaService.put(caller, serviceId, schema, description, force));
    }

    @PostMapping("/{serviceId}/validate")
    @Operation(
            summary =
                    "Validate a write without making it: the body is a write's body; the answer reports the "
                            + "effective configuration of the environment and of every descendant the write would change (without a "
                            + "body: the environment's current effective configuration)")
    ApiResponse<ValidationResult> validate(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String serviceId,
            @RequestParam(defaultValue = ConfigurationController.DEFAULT_ENVIRONMENT)
                    String environment,
            @Valid @RequestBody(required = false) @Nullable ConfigurationWriteRequest body) {
        return ApiResponse.ok(
                schemaService.validate(
                        caller,
                        serviceId,
                        environment,
                        body == null ? null : body.configuration()));
    }
}
