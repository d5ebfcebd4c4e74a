package io.configservice.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The error envelope: {@code {"success":false,"error":…,"code":…,"details":…,"timestamp":…}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(
        boolean success,
        String error,
        @Schema(
                        description =
                                "What went wrong, as a stable code; the HTTP status goes with it",
                        implementation = ErrorCode.class)
                String code,
        @Nullable Object details,
        Instant timestamp) {

    public static ApiError of(ErrorCode code, String message, @Nullable Object details) {
        return new ApiError(false, message, code.name(), details, Instant.now());
    }
}
