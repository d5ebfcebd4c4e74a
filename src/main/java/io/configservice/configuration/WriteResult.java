package io.configservice.configuration;

import io.configservice.configuration.document.ConfigurationChange;
import java.util.List;

/**
 * What a configuration write answers: the version it made (or the unchanged current one) and the
 * changes.
 */
public record WriteResult(
        String serviceId,
        String environment,
        int version,
        String checksum,
        List<ConfigurationChange> changes) {}
