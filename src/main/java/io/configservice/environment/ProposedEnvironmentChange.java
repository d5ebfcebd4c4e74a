package io.configservice.environment;

import java.time.Instant;
import java.util.List;

/**
 * A validated environment update that changes the environment's overrides and has not been stored
 * yet.
 *
 * @param baseUpdatedAt when the environment was last changed; the update applies later only if it
 *     still was
 * @param currentOverrides the overrides now, as JSON
 * @param proposedOverrides the overrides the update sets, as JSON
 * @param proposedRequest the whole update request as JSON, replayed when it is applied
 * @param affectedEnvironments the environment, then every environment that inherits from it: the
 *     effective configurations the update can change
 */
public record ProposedEnvironmentChange(
        String requestedBy,
        String environment,
        Instant baseUpdatedAt,
        String currentOverrides,
        String proposedOverrides,
        String proposedRequest,
        List<String> affectedEnvironments) {}
