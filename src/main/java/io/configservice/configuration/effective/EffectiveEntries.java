package io.configservice.configuration.effective;

import io.configservice.cache.CachedConfiguration;
import io.configservice.cache.ConfigurationCache;
import io.configservice.cache.Utf8Json;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the pre-serialized cache entry of a stored effective configuration: {@code data} is {@code
 * {serviceId, environment, configuration}} with the canonical document, ordered by its generation.
 * A pair without effective configuration is cached as {@code data} {@code null}, so a newer absence
 * replaces an older entry. The revision is kept beside {@code meta} for the {@code ETag}; {@link
 * #revision} reads it from {@code meta} in an entry cached before that.
 */
final class EffectiveEntries {

    static final Utf8Json ABSENT = Utf8Json.of("null");
    private static final TypeReference<List<EffectiveLayer>> LAYERS = new TypeReference<>() {};

    private EffectiveEntries() {}

    static String key(String serviceId, String environment) {
        return ConfigurationCache.key(serviceId, environment, "effective");
    }

    static long revision(JsonMapper json, CachedConfiguration entry) {
        return entry.revision() != null
                ? entry.revision()
                : json.readTree(entry.meta().text()).path("revision").asLong();
    }

    static CachedConfiguration of(JsonMapper json, StoredEffective row) {
        int generation = Math.toIntExact(row.generation());
        if (row.canonical() == null || row.checksum() == null) {
            return new CachedConfiguration(generation, ABSENT, ABSENT, row.revision());
        }
        String data =
                "{\"serviceId\":"
                        + json.writeValueAsString(row.serviceId())
                        + ",\"environment\":"
                        + json.writeValueAsString(row.environment())
                        + ",\"configuration\":"
                        + row.canonical()
                        + "}";
        EffectiveMeta meta =
                new EffectiveMeta(
                        row.serviceId(),
                        row.environment(),
                        row.revision(),
                        row.checksum(),
                        json.readValue(row.layers(), LAYERS),
                        row.updatedAt());
        return new CachedConfiguration(
                generation, data, json.writeValueAsString(meta), row.revision());
    }
}
