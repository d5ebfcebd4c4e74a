package io.configservice.credential;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The spec's {@code RotationResult}; {@code nextRotationAt} is absent when no policy schedules the
 * credential.
 */
public record RotationResult(
        String rotationId, boolean success, Instant rotatedAt, @Nullable Instant nextRotationAt) {}
