package io.configservice.configuration;

import io.configservice.configuration.document.DocumentException;
import io.configservice.configuration.schema.ConfigurationSchemaException;
import io.configservice.web.ApiError;
import io.configservice.web.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the exceptions of the document and schema code ({@link DocumentException}, {@link
 * ConfigurationSchemaException}) with the API's error envelope; ordered first, because the general
 * advice's catch-all would otherwise answer them with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConfigurationExceptionHandler {

    @ExceptionHandler(DocumentException.class)
    ResponseEntity<ApiError> handleDocumentException(DocumentException ex) {
        ErrorCode code =
                switch (ex.reason()) {
                    case INVALID -> ErrorCode.INVALID_REQUEST;
                    case NOT_JSON -> ErrorCode.INVALID_JSON;
                    case KEY_NOT_FOUND -> ErrorCode.KEY_NOT_FOUND;
                    case BATCH_FAILED -> ErrorCode.BATCH_FAILED;
                };
        return error(code, ex.getMessage(), ex.details());
    }

    @ExceptionHandler(ConfigurationSchemaException.class)
    ResponseEntity<ApiError> handleSchemaException(ConfigurationSchemaException ex) {
        ErrorCode code =
                switch (ex.reason()) {
                    case INVALID -> ErrorCode.INVALID_SCHEMA;
                    case CONFLICT -> ErrorCode.SCHEMA_CONFLICT;
                    case VIOLATED -> ErrorCode.VALIDATION_ERROR;
                };
        return error(code, ex.getMessage(), ex.details());
    }

    private static ResponseEntity<ApiError> error(
            ErrorCode code, String message, @Nullable Object details) {
        return ResponseEntity.status(code.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(code, message, details));
    }
}
