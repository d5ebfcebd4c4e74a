package io.configservice.cache;

import io.configservice.health.DependencyCheck;
import java.util.Optional;

/**
 * Cache of served configurations, keyed {@code config:{serviceId}:{environment}:{version|latest}}.
 * Failures of the cache are never the caller's problem: a failed read is a miss, a failed write is
 * skipped (and counted).
 */
public interface ConfigurationCache extends DependencyCheck {

    static String key(String serviceId, String environment, String versionOrLatest) {
        return "config:" + serviceId + ":" + environment + ":" + versionOrLatest;
    }

    Optional<CachedConfiguration> get(String key);

    /**
     * Stores the entry unless the key already holds the same or a newer version, so a slow reader
     * can never put an older configuration over a newer one that a writer stored after its commit.
     */
    void putIfNewer(String key, CachedConfiguration entry);
}
