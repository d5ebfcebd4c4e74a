package io.configservice.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The state of one dependency as {@code GET /api/v1/health} reports it.
 *
 * @param status {@code healthy}, {@code degraded} (works, with a fallback) or {@code unhealthy}
 * @param mode which implementation is in use, e.g. {@code redis} or {@code in-process}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentHealth(
        String name, String status, String mode, long responseTimeMs, @Nullable String error) {

    public static ComponentHealth healthy(String name, String mode, long responseTimeMs) {
        return new ComponentHealth(name, "healthy", mode, responseTimeMs, null);
    }

    public static ComponentHealth degraded(
            String name, String mode, long responseTimeMs, String error) {
        return new ComponentHealth(name, "degraded", mode, responseTimeMs, error);
    }

    public static ComponentHealth unhealthy(
            String name, String mode, long responseTimeMs, String error) {
        return new ComponentHealth(name, "unhealthy", mode, responseTimeMs, error);
    }

    boolean serving() {
        return !"unhealthy".equals(status);
    }
}
