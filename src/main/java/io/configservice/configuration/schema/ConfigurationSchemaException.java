package io.configservice.configuration.schema;

import java.util.List;

/**
 * A schema, or a change checked against one, that breaks a rule; the API edge answers it with the
 * error its {@link Reason} names.
 */
public class ConfigurationSchemaException extends RuntimeException {

    /** What was wrong, which the API edge maps to its error code. */
    public enum Reason {
        /**
         * The schema is not a JSON Schema this service accepts; the details list its problems
         * ({@code INVALID_SCHEMA}).
         */
        INVALID,
        /**
         * Current effective configurations violate the schema being stored; the details list each
         * environment with its violations ({@code SCHEMA_CONFLICT}).
         */
        CONFLICT,
        /**
         * A change would make effective configurations violate the active schema; the details list
         * each environment with its violations ({@code VALIDATION_ERROR}).
         */
        VIOLATED
    }

    private final Reason reason;
    private final List<?> details;

    public ConfigurationSchemaException(Reason reason, String message, List<?> details) {
        super(message);
        this.reason = reason;
        this.details = details;
    }

    public Reason reason() {
        return reason;
    }

    public List<?> details() {
        return details;
    }

    static ConfigurationSchemaException invalid(String message, List<SchemaViolation> problems) {
        return new ConfigurationSchemaException(Reason.INVALID, message, problems);
    }
}
