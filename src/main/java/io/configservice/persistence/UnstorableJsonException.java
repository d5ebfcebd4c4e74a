package io.configservice.persistence;

/**
 * A JSON value PostgreSQL cannot store as {@code jsonb} (see {@link StorableJson}); answered as
 * {@code INVALID_JSON}.
 */
public class UnstorableJsonException extends RuntimeException {

    public UnstorableJsonException(String message) {
        super(message);
    }
}
