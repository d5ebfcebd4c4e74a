package io.configservice.configuration.schema;

/**
 * One way a JSON document fails a JSON Schema: where ({@code path}) and why ({@code message}).
 *
 * @param path dot path into the checked document, such as {@code database.pool.size} or {@code
 *     servers.0.host}; {@code ""} is the root
 * @param message human-readable reason that names the constraint but never echoes the offending
 *     value, which may be a secret
 */
public record SchemaViolation(String path, String message) {}
