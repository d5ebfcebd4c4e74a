package io.configservice.configuration;

import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.environment.AffectedEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a write held for approval answers (202): the change request and the diff it proposes.
 *
 * @param baseVersion the version the change was computed from; {@code null} when it creates the
 *     configuration
 * @param affectedEnvironments the written environment, then every environment whose effective
 *     configuration the change alters, each with its effective revision now
 */
public record PendingChange(
        UUID id,
        String status,
        String serviceId,
        String environment,
        @Nullable Integer baseVersion,
        int requiredApprovals,
        Instant expiresAt,
        List<ConfigurationChange> diff,
        List<AffectedEnvironment> affectedEnvironments) {}
