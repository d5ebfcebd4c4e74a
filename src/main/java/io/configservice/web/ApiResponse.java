package io.configservice.web;

import java.time.Instant;

/** The success envelope every API answer uses: {@code {"success":true,"data":…,"timestamp":…}}. */
public record ApiResponse<T>(boolean success, T data, Instant timestamp) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, data, Instant.now());
    }
}
