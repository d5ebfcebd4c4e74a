package io.configservice.configuration;

import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.configuration.history.ChangeType;
import io.configservice.environment.AffectedEnvironment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A computed, validated configuration change that has not been stored yet.
 *
 * @param baseVersion the version the change was computed from; {@code null} when it creates the
 *     configuration
 * @param proposedDocument the whole next document as canonical JSON
 * @param rollbackSourceVersion the earlier version a rollback copies; {@code null} for other
 *     changes
 * @param affected the written environment, then every environment whose effective configuration the
 *     change alters
 */
public record ProposedChange(
        String requestedBy,
        String serviceId,
        String environment,
        ChangeType changeType,
        @Nullable Integer baseVersion,
        String proposedDocument,
        List<ConfigurationChange> changes,
        @Nullable String reason,
        @Nullable Integer rollbackSourceVersion,
        List<AffectedEnvironment> affected) {}
