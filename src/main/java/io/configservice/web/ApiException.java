package io.configservice.web;

import org.jspecify.annotations.Nullable;

/**
 * A failure the API reports to its caller with a code, a message naming the resource, and optional
 * details.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final @Nullable Object details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, @Nullable Object details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() {
        return code;
    }

    public @Nullable Object details() {
        return details;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message);
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.AUTHORIZATION_ERROR, message);
    }
}
