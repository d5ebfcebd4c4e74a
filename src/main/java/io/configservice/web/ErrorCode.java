package io.configservice.web;

import org.springframework.http.HttpStatus;

/** Every error code the API answers with, and the HTTP status that goes with it (see API.md). */
public enum ErrorCode {
    INVALID_JSON(HttpStatus.BAD_REQUEST),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST),
    VALIDATION_ERROR(HttpStatus.BAD_REQUEST),
    BATCH_FAILED(HttpStatus.BAD_REQUEST),
    INVALID_SCHEMA(HttpStatus.BAD_REQUEST),
    INHERITANCE_CYCLE(HttpStatus.BAD_REQUEST),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    AUTHORIZATION_ERROR(HttpStatus.FORBIDDEN),
    NOT_FOUND(HttpStatus.NOT_FOUND),
    KEY_NOT_FOUND(HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    ALREADY_EXISTS(HttpStatus.CONFLICT),
    CONFLICT(HttpStatus.CONFLICT),
    SCHEMA_CONFLICT(HttpStatus.CONFLICT),
    VERSION_PRUNED(HttpStatus.GONE),
    RESYNC_REQUIRED(HttpStatus.GONE),
    CREDENTIAL_EXPIRED(HttpStatus.GONE),
    VERSION_CONFLICT(HttpStatus.PRECONDITION_FAILED),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    PRECONDITION_REQUIRED(HttpStatus.PRECONDITION_REQUIRED),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    INTEGRITY_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    DEPENDENCY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    WRITE_CONTENTION(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    ErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
