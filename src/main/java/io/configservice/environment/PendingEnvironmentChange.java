package io.configservice.environment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What an environment update held for approval answers (202): the change request and the overrides
 * diff it proposes.
 *
 * @param baseUpdatedAt when the environment was last changed before this request
 * @param diff the proposed changes to {@code configurationOverrides}, {@code [{path, op, oldValue,
 *     newValue}]}
 * @param affectedEnvironments the environment, then every environment that inherits from it
 */
public record PendingEnvironmentChange(
        UUID id,
        String status,
        String environment,
        Instant baseUpdatedAt,
        int requiredApprovals,
        Instant expiresAt,
        JsonNode diff,
        List<AffectedEnvironment> affectedEnvironments) {}
