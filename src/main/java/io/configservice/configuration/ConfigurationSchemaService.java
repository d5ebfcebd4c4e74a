package io.configservice.configuration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.configservice.audit.AuditService;
import io.configservice.environment.EnvironmentService;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import io.configservice.web.StorableJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas per service: each PUT stores a new schema version; the newest one is enforced on every write of that
 * service's configurations in every environment. Compiled schemas are kept in memory by schema row id (rows never
 * change), so a write costs one query to find the active schema.
 */
@Service
public class ConfigurationSchemaService {

    private static final int MAX_SCHEMA_DEPTH = 64;

    private final ConfigurationSchemaRepository schemas;
    private final ConfigurationVersionRepository versions;
    private final EnvironmentService environments;
    private final AuditService audit;
    private final JsonMapper json;
    private final Clock clock;
    private final Cache<UUID, JsonSchemas.CompiledSchema> compiled =
            Caffeine.newBuilder().maximumSize(1_000).build();

    public ConfigurationSchemaService(ConfigurationSchemaRepository schemas, ConfigurationVersionRepository versions,
            EnvironmentService environments, AuditService audit, JsonMapper json, Clock clock) {
        this.schemas = schemas;
        this.versions = versions;
        this.environments = environments;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public SchemaResponse get(Caller caller, String serviceId) {
        ServiceIds.require(serviceId);
        caller.requireReadConfiguration(serviceId);
        return schemas.findActive(serviceId).map(this::response)
                .orElseThrow(() -> ApiException.notFound("Service '" + serviceId + "' has no schema"));
    }

    /**
     * Stores a new schema version and records it ({@code SCHEMA_PUT}, environment {@code *}, the schema version).
     *
     * @throws ApiException {@code INVALID_SCHEMA} for an invalid schema, {@code SCHEMA_CONFLICT} (listing the
     *     violations) when a current configuration of the service violates it and {@code force} is false
     */
    @Transactional
    public SchemaResponse put(Caller caller, String serviceId, JsonNode schema, @Nullable String description,
            boolean force) {
        ServiceIds.require(serviceId);
        caller.requireWriteConfiguration(serviceId);
        StorableJson.require(schema, MAX_SCHEMA_DEPTH, "Schema");
        JsonSchemas.CompiledSchema candidate = JsonSchemas.compile(schema);
        versions.lockForWrite("schema:" + serviceId);
        if (!force) {
            List<SchemaConflict> conflicts = new ArrayList<>();
            for (ConfigurationVersion current : versions.findCurrentPerEnvironment(serviceId)) {
                List<SchemaViolation> violations = JsonSchemas.validate(candidate, json.readTree(current.configurationData()));
                if (!violations.isEmpty()) {
                    conflicts.add(new SchemaConflict(current.environment(), current.version(), violations));
                }
            }
            if (!conflicts.isEmpty()) {
                throw new ApiException(ErrorCode.SCHEMA_CONFLICT, "Current configurations of '" + serviceId
                        + "' violate this schema; fix them first or repeat with force=true", conflicts);
            }
        }
        ConfigurationSchema stored = schemas.save(new ConfigurationSchema(serviceId,
                schemas.findLatestVersion(serviceId) + 1, json.writeValueAsString(schema), description,
                caller.actor(), clock.instant()));
        audit.recordSchemaChange(serviceId, stored.version(), caller.actor(), force, stored.createdAt());
        compiled.put(stored.getId(), candidate);
        return response(stored);
    }

    /** Validates a candidate document, or the current one in the environment when there is no candidate. */
    @Transactional(readOnly = true)
    public ValidationResult validate(Caller caller, String serviceId, String environment,
            @Nullable JsonNode candidate) {
        ServiceIds.require(serviceId);
        caller.requireReadConfiguration(serviceId);
        environments.requireExists(environment);
        if (candidate != null && !candidate.isObject()) {
            throw ApiException.invalidRequest("A candidate configuration must be a JSON object");
        }
        JsonNode document = candidate != null ? candidate : versions
                .findFirstByServiceIdAndEnvironmentAndActiveTrueOrderByVersionDesc(serviceId, environment)
                .map(v -> json.readTree(v.configurationData()))
                .orElseThrow(() -> ConfigurationQueryService.notFound(serviceId, environment));
        List<SchemaViolation> violations = active(serviceId).map(s -> JsonSchemas.validate(s, document))
                .orElse(List.of());
        return new ValidationResult(violations.isEmpty(), violations);
    }

    /** @throws ApiException {@code VALIDATION_ERROR} with the violations when the document breaks the schema */
    void requireValid(String serviceId, ObjectNode document) {
        active(serviceId).ifPresent(schema -> {
            List<SchemaViolation> violations = JsonSchemas.validate(schema, document);
            if (!violations.isEmpty()) {
                throw new ApiException(ErrorCode.VALIDATION_ERROR, "Configuration validation failed", violations);
            }
        });
    }

    private Optional<JsonSchemas.CompiledSchema> active(String serviceId) {
        return schemas.findActive(serviceId).map(row -> compiled.get(row.getId(),
                id -> JsonSchemas.compile(json.readTree(row.schemaDefinition()))));
    }

    private SchemaResponse response(ConfigurationSchema row) {
        return new SchemaResponse(row.serviceId(), row.version(), json.readTree(row.schemaDefinition()),
                row.description(), row.createdAt(), row.createdBy());
    }
}
