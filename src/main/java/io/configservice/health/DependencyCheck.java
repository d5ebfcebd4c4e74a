package io.configservice.health;

/**
 * A dependency that reports its own state to {@code GET /api/v1/health}. Implementations must not
 * throw.
 */
public interface DependencyCheck {

    ComponentHealth check();
}
