package io.configservice.web;

import io.configservice.persistence.UnstorableJsonException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every failure into the error envelope: {@link ApiException}s with their own code, Spring
 * MVC's own 4xx (unreadable body, wrong media type, bad parameter…) with the matching code, a
 * dependency outage into 503 {@code DEPENDENCY_UNAVAILABLE} with {@code Retry-After}, and anything
 * else into a plain 500.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * The error is JSON whatever the request's {@code Accept} says: an endpoint that serves another
     * format (the Config Server's {@code .properties} and {@code .yml}) has no JSON in its
     * producible types, and without a preset Content-Type Spring would refuse to write the error
     * and answer 500 instead.
     */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> handleApiException(ApiException ex) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(ex.code().status()).contentType(MediaType.APPLICATION_JSON);
        if (ex.code().status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, DependencyFailures.RETRY_AFTER_SECONDS);
        }
        return response.body(ApiError.of(ex.code(), ex.getMessage(), ex.details()));
    }

    /** A JSON value the request sent that PostgreSQL could not store. */
    @ExceptionHandler(UnstorableJsonException.class)
    ResponseEntity<ApiError> handleUnstorableJson(UnstorableJsonException ex) {
        return handleApiException(new ApiException(ErrorCode.INVALID_JSON, ex.getMessage()));
    }

    /**
     * A constraint the request broke despite the checks before it, e.g. a concurrent change on
     * another replica.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> handleConstraintViolation(DataIntegrityViolationException ex) {
        log.warn("Constraint violation: {}", ex.getMostSpecificCause().getMessage());
        return ResponseEntity.status(ErrorCode.CONFLICT.status())
                .body(
                        ApiError.of(
                                ErrorCode.CONFLICT,
                                "The change conflicts with the current state; retry",
                                null));
    }

    /** Tomcat refuses a query parameter it cannot decode (e.g. bytes that are not UTF-8). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> handleUndecodableParameter(InvalidParameterException ex) {
        return ResponseEntity.status(ErrorCode.INVALID_REQUEST.status())
                .body(
                        ApiError.of(
                                ErrorCode.INVALID_REQUEST,
                                "A request parameter is not valid UTF-8",
                                null));
    }

    /**
     * Anything else: 503 when a dependency could not serve (judged by the cause chain, so a failed
     * commit or rollback on a lost connection counts too), else a plain 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> handleUnexpected(Exception ex) {
        if (DependencyFailures.isDependencyUnavailable(ex)) {
            log.warn("Dependency unavailable: {}", ex.getMessage());
            return ResponseEntity.status(ErrorCode.DEPENDENCY_UNAVAILABLE.status())
                    .header(HttpHeaders.RETRY_AFTER, DependencyFailures.RETRY_AFTER_SECONDS)
                    .body(
                            ApiError.of(
                                    ErrorCode.DEPENDENCY_UNAVAILABLE,
                                    "A dependency of the service is unavailable; retry later",
                                    null));
        }
        log.error("Unexpected error", ex);
        return ResponseEntity.status(ErrorCode.INTERNAL_ERROR.status())
                .body(ApiError.of(ErrorCode.INTERNAL_ERROR, "Internal error", null));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex,
            @Nullable Object body,
            HttpHeaders headers,
            HttpStatusCode statusCode,
            WebRequest request) {
        ApiError error = toApiError(ex, statusCode);
        return ResponseEntity.status(ErrorCode.valueOf(error.code()).status())
                .headers(headers)
                .body(error);
    }

    private static ApiError toApiError(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMessageNotReadableException) {
            if (hasCause(ex, PayloadTooLargeException.class)) {
                return ApiError.of(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large", null);
            }
            DatabindException mismatch = cause(ex, DatabindException.class);
            if (mismatch != null && !mismatch.getPath().isEmpty()) {
                return invalidField(ex, mismatch);
            }
            return ApiError.of(
                    ErrorCode.INVALID_JSON, "Request body is missing or is not valid JSON", null);
        }
        if (ex instanceof MethodArgumentNotValidException invalid) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (FieldError field : invalid.getBindingResult().getFieldErrors()) {
                fields.putIfAbsent(field.getField(), String.valueOf(field.getDefaultMessage()));
            }
            return ApiError.of(ErrorCode.INVALID_REQUEST, "Request fields are invalid", fields);
        }
        if (ex instanceof HandlerMethodValidationException) {
            return ApiError.of(ErrorCode.INVALID_REQUEST, "Request parameters are invalid", null);
        }
        if (ex instanceof HttpMediaTypeNotSupportedException unsupported) {
            return ApiError.of(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content type is not supported here",
                    Map.of(
                            "supported",
                            unsupported.getSupportedMediaTypes().stream()
                                    .map(Object::toString)
                                    .toList()));
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return ApiError.of(
                    ErrorCode.NOT_ACCEPTABLE,
                    "Only application/json responses are available",
                    null);
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return ApiError.of(
                    ErrorCode.METHOD_NOT_ALLOWED, "Method is not allowed on this resource", null);
        }
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return ApiError.of(ErrorCode.NOT_FOUND, "No such resource", null);
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            return ApiError.of(
                    ErrorCode.INVALID_REQUEST,
                    "Missing parameter '" + missing.getParameterName() + "'",
                    null);
        }
        if (ex instanceof TypeMismatchException mismatch) {
            return ApiError.of(
                    ErrorCode.INVALID_REQUEST,
                    "Parameter '" + mismatch.getPropertyName() + "' is invalid",
                    null);
        }
        if (ex instanceof ServletRequestBindingException binding) {
            return ApiError.of(ErrorCode.INVALID_REQUEST, binding.getMessage(), null);
        }
        if (status.is4xxClientError()) {
            return ApiError.of(ErrorCode.INVALID_REQUEST, "Request is invalid", null);
        }
        log.error("Unexpected MVC error", ex);
        return ApiError.of(ErrorCode.INTERNAL_ERROR, "Internal error", null);
    }

    /**
     * Well-formed JSON whose field has the wrong type or an unknown value. Jackson's own message
     * may quote the value (which could be a secret), so only a message of ours (an {@link
     * ApiException} from a factory) is passed on.
     */
    private static ApiError invalidField(Exception ex, DatabindException mismatch) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : mismatch.getPath()) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        ApiException ours = cause(ex, ApiException.class);
        String reason = ours != null ? ours.getMessage() : "has the wrong type or an unknown value";
        return ApiError.of(
                ErrorCode.INVALID_REQUEST,
                "Request field '" + field + "' is invalid",
                Map.of(field.toString(), reason));
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        return cause(ex, type) != null;
    }

    private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
