package io.configservice.configuration;

import io.configservice.cache.CachedConfiguration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Builds the pre-serialized cache entry of a configuration version. */
final class ConfigurationEntries {

    private ConfigurationEntries() {}

    static CachedConfiguration of(
            JsonMapper json,
            String serviceId,
            String environment,
            int version,
            String documentJson,
            String checksum,
            Instant updatedAt,
            @Nullable String updatedBy) {
        ConfigurationMeta meta =
                new ConfigurationMeta(
                        serviceId, environment, version, checksum, updatedAt, updatedBy);
        return new CachedConfiguration(version, documentJson, json.writeValueAsString(meta));
    }
}
