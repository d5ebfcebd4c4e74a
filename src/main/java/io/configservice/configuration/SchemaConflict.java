package io.configservice.configuration;

import java.util.List;

/** A current configuration that a proposed schema would reject. */
public record SchemaConflict(String environment, int version, List<SchemaViolation> violations) {
}
