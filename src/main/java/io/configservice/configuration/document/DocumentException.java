package io.configservice.configuration.document;

import org.jspecify.annotations.Nullable;

/**
 * A document, key path or edit that breaks a rule; the API edge answers it with the error its
 * {@link Reason} names.
 */
public class DocumentException extends RuntimeException {

    /** What was wrong, which the API edge maps to its error code. */
    public enum Reason {
        /** The document, key path or edit is malformed ({@code INVALID_REQUEST}). */
        INVALID,
        /** The body is not JSON at all ({@code INVALID_JSON}). */
        NOT_JSON,
        /** Nothing is at the key path ({@code KEY_NOT_FOUND}). */
        KEY_NOT_FOUND,
        /**
         * At least one operation of a batch failed; the details list each operation's result
         * ({@code BATCH_FAILED}).
         */
        BATCH_FAILED
    }

    private final Reason reason;
    private final @Nullable Object details;

    public DocumentException(Reason reason, String message) {
        this(reason, message, null);
    }

    public DocumentException(Reason reason, String message, @Nullable Object details) {
        super(message);
        this.reason = reason;
        this.details = details;
    }

    public Reason reason() {
        return reason;
    }

    public @Nullable Object details() {
        return details;
    }

    static DocumentException invalid(String message) {
        return new DocumentException(Reason.INVALID, message);
    }
}
