package io.configservice.client;

import org.jspecify.annotations.Nullable;

/**
 * The service refused or could not answer a request; {@link #status()} is the HTTP status (0 when
 * it was not reachable) and {@link #code()} the service's error code, when it sent one.
 */
public class ConfigServiceException extends RuntimeException {

    private final int status;
    private final @Nullable String code;

    public ConfigServiceException(
            String message, int status, @Nullable String code, @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public @Nullable String code() {
        return code;
    }

    /** Whether the service could not be reached or answered that it cannot serve now (5xx). */
    public boolean unavailable() {
        return status == 0 || status >= 500;
    }
}
