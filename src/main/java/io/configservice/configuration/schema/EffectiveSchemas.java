package io.configservice.configuration.schema;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.configservice.configuration.effective.EffectiveCandidate;
import io.configservice.configuration.effective.EffectiveValidator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Enforces a service's JSON Schema on what its clients run on: the effective configuration of each
 * environment, never a partial layer. Compiled schemas are kept in memory by schema row id (rows
 * never change), so a check costs one query to find the active schema.
 */
@Component
public class EffectiveSchemas implements EffectiveValidator {

    private final ConfigurationSchemaRepository schemas;
    private final JsonMapper json;
    private final Cache<UUID, JsonSchemas.CompiledSchema> compiled =
            Caffeine.newBuilder().maximumSize(1_000).build();

    public EffectiveSchemas(ConfigurationSchemaRepository schemas, JsonMapper json) {
        this.schemas = schemas;
        this.json = json;
    }

    /**
     * Each environment's effective document against the service's active schema, in the map's
     * order.
     */
    List<EffectiveValidation> validate(
            String serviceId, Map<String, ObjectNode> effectiveByEnvironment) {
        Optional<JsonSchemas.CompiledSchema> schema = active(serviceId);
        return effectiveByEnvironment.entrySet().stream()
                .map(
                        entry ->
                                EffectiveValidation.of(
                                        entry.getKey(),
                                        schema.map(s -> JsonSchemas.validate(s, entry.getValue()))
                                                .orElse(List.of())))
                .toList();
    }

    /**
     * @throws ConfigurationSchemaException {@code VIOLATED} whose details list each environment
     *     whose effective document the change makes break the schema, with its violations (see
     *     {@link EffectiveCandidate#baselines()})
     */
    @Override
    public void requireValid(String serviceId, List<EffectiveCandidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        Optional<JsonSchemas.CompiledSchema> active = active(serviceId);
        if (active.isEmpty()) {
            return;
        }
        JsonSchemas.CompiledSchema schema = active.get();
        List<EffectiveValidation> invalid =
                candidates.stream()
                        .map(
                                candidate ->
                                        new Checked(
                                                candidate,
                                                JsonSchemas.validate(schema, candidate.document())))
                        .filter(
                                checked ->
                                        !checked.violations().isEmpty()
                                                && checked.candidate().baselines().get().stream()
                                                        .allMatch(
                                                                baseline ->
                                                                        JsonSchemas.validate(
                                                                                        schema,
                                                                                        baseline)
                                                                                .isEmpty()))
                        .map(
                                checked ->
                                        EffectiveValidation.of(
                                                checked.candidate().environment(),
                                                checked.violations()))
                        .toList();
        if (!invalid.isEmpty()) {
            throw new ConfigurationSchemaException(
                    ConfigurationSchemaException.Reason.VIOLATED,
                    "The change would make the effective configuration of '"
                            + serviceId
                            + "' break its schema in "
                            + String.join(
                                    ", ",
                                    invalid.stream()
                                            .map(EffectiveValidation::environment)
                                            .toList()),
                    invalid);
        }
    }

    private record Checked(EffectiveCandidate candidate, List<SchemaViolation> violations) {}

    /**
     * Keeps a schema compiled when it was just stored, so the next check need not compile it again.
     */
    void remember(UUID schemaId, JsonSchemas.CompiledSchema schema) {
        compiled.put(schemaId, schema);
    }

    private Optional<JsonSchemas.CompiledSchema> active(String serviceId) {
        return schemas.findActive(serviceId)
                .map(
                        row ->
                                compiled.get(
                                        row.getId(),
                                        id ->
                                                JsonSchemas.compile(
                                                        json.readTree(row.schemaDefinition()))));
    }
}
