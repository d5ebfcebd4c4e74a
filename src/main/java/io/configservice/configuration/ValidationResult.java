package io.configservice.configuration;

import java.util.List;

/** Answer of {@code POST /configurations/{serviceId}/validate}. */
public record ValidationResult(boolean valid, List<SchemaViolation> errors) {
}
