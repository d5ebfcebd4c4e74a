package io.configservice.configuration.schema;

import java.util.List;

/**
 * How the effective configuration of one environment fares against the service's JSON Schema.
 *
 * @param errors the violations, each with a dot path into the effective document; empty when valid
 */
public record EffectiveValidation(String environment, boolean valid, List<SchemaViolation> errors) {

    static EffectiveValidation of(String environment, List<SchemaViolation> errors) {
        return new EffectiveValidation(environment, errors.isEmpty(), errors);
    }
}
