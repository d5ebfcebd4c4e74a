package io.configservice.configuration.schema;

import io.configservice.audit.AuditService;
import io.configservice.configuration.document.JsonDocuments;
import io.configservice.configuration.effective.EffectiveConfigurationService;
import io.configservice.configuration.effective.EffectiveMaterializer;
import io.configservice.configuration.effective.LockedService;
import io.configservice.configuration.effective.StoredEffective;
import io.configservice.environment.EnvironmentService;
import io.configservice.identifiers.ServiceIds;
import io.configservice.persistence.StorableJson;
import io.configservice.security.Caller;
import io.configservice.web.ApiException;
import io.configservice.web.LimitProperties;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas per service: each PUT stores a new schema version; the newest one is enforced on the
 * effective configuration of every environment a write changes ({@link EffectiveSchemas}). Storing
 * a schema and checking a write both hold the service's effective lock, so no write slips between a
 * schema's check and its storing.
 */
@Service
public class ConfigurationSchemaService {

    private final ConfigurationSchemaRepository schemas;
    private final EffectiveMaterializer effective;
    private final EffectiveSchemas enforcement;
    private final EnvironmentService environments;
    private final AuditService audit;
    private final JsonMapper json;
    private final Clock clock;
    private final LimitProperties limits;

    public ConfigurationSchemaService(
            ConfigurationSchemaRepository schemas,
            EffectiveMaterializer effective,
            EffectiveSchemas enforcement,
            EnvironmentService environments,
            AuditService audit,
            JsonMapper json,
            Clock clock,
            LimitProperties limits) {
        this.schemas = schemas;
        this.effective = effective;
        this.enforcement = enforcement;
        this.environments = environments;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.limits = limits;
    }

    @Transactional(readOnly = true)
    public SchemaResponse get(Caller caller, String serviceId) {
        ServiceIds.require(serviceId);
        caller.requireReadConfiguration(serviceId);
        return schemas.findActive(serviceId)
                .map(this::response)
                .orElseThrow(
                        () -> ApiException.notFound("Service '" + serviceId + "' has no schema"));
    }

    /**
     * Stores a new schema version and records it ({@code SCHEMA_PUT}, environment {@code *}, the
     * schema version).
     *
     * @throws ConfigurationSchemaException {@code INVALID} for an invalid schema, {@code CONFLICT}
     *     (listing each environment whose effective configuration violates it, with the violations)
     *     when {@code force} is false
     */
    @Transactional
    public SchemaResponse put(
            Caller caller,
            String serviceId,
            JsonNode schema,
            @Nullable String description,
            boolean force) {
        ServiceIds.require(serviceId);
        caller.requireWriteConfiguration(serviceId);
        StorableJson.require(schema, limits.maxDocumentDepth(), "Schema");
        JsonSchemas.CompiledSchema candidate = JsonSchemas.compile(schema);
        LockedService locked = effective.lock(serviceId);
        if (!force) {
            List<EffectiveValidation> conflicts =
                    locked.stored().values().stream()
                            .filter(row -> row.canonical() != null)
                            .sorted((a, b) -> a.environment().compareTo(b.environment()))
                            .map(
                                    row ->
                                            EffectiveValidation.of(
                                                    row.environment(),
                                                    JsonSchemas.validate(
                                                            candidate,
                                                            json.readTree(row.canonical()))))
                            .filter(result -> !result.valid())
                            .toList();
            if (!conflicts.isEmpty()) {
                throw new ConfigurationSchemaException(
                        ConfigurationSchemaException.Reason.CONFLICT,
                        "Effective configurations of '"
                                + serviceId
                                + "' violate this schema; fix them first or repeat with force=true",
                        conflicts);
            }
        }
        ConfigurationSchema stored =
                schemas.save(
                        new ConfigurationSchema(
                                serviceId,
                                schemas.findLatestVersion(serviceId) + 1,
                                json.writeValueAsString(schema),
                                description,
                                caller.actor(),
                                clock.instant()));
        audit.recordSchemaChange(
                serviceId, stored.version(), caller.actor(), force, stored.createdAt());
        enforcement.remember(stored.getId(), candidate);
        return response(stored);
    }

    /**
     * Validates without writing. With a write's {@code configuration}, what storing it as the
     * service's own document in the environment would make of the effective configuration of that
     * environment and of every descendant it changes; without one (null), the environment's current
     * effective configuration.
     *
     * @throws io.configservice.configuration.document.DocumentException {@code INVALID} for a
     *     configuration that is not a JSON object
     * @throws ApiException {@code NOT_FOUND} without a configuration when the environment has no
     *     effective configuration
     */
    @Transactional
    public ValidationResult validate(
            Caller caller, String serviceId, String environment, @Nullable JsonNode configuration) {
        ServiceIds.require(serviceId);
        caller.requireReadConfiguration(serviceId);
        environments.requireExists(environment);
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        if (configuration == null) {
            StoredEffective current =
                    effective
                            .materialize(serviceId, environment)
                            .filter(row -> row.canonical() != null)
                            .orElseThrow(
                                    () ->
                                            EffectiveConfigurationService.notFound(
                                                    serviceId, environment));
            documents.put(environment, (ObjectNode) json.readTree(current.canonical()));
        } else {
            ObjectNode candidate =
                    JsonDocuments.requireDocument(
                            configuration, limits.maxDocumentDepth(), "configuration");
            LockedService locked = effective.lock(serviceId);
            int nextVersion =
                    locked.current(environment).map(version -> version.version() + 1).orElse(1);
            effective
                    .propose(locked, environment, nextVersion, candidate)
                    .environments()
                    .forEach(
                            proposed ->
                                    documents.put(
                                            proposed.environment(), proposed.configuration()));
        }
        List<EffectiveValidation> results = enforcement.validate(serviceId, documents);
        return new ValidationResult(results.stream().allMatch(EffectiveValidation::valid), results);
    }

    private SchemaResponse response(ConfigurationSchema row) {
        return new SchemaResponse(
                row.serviceId(),
                row.version(),
                json.readTree(row.schemaDefinition()),
                row.description(),
                row.createdAt(),
                row.createdBy());
    }
}
