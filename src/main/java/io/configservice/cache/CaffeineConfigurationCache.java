package io.configservice.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.configservice.health.ComponentHealth;
import java.time.Duration;
import java.util.Optional;

/** In-process cache, used when no Redis is configured. */
class CaffeineConfigurationCache implements ConfigurationCache {

    private final Cache<String, CachedConfiguration> entries;

    CaffeineConfigurationCache(Duration ttl, long maximumSize) {
        this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    @Override
    public Optional<CachedConfiguration> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(key));
    }

    @Override
    public void putIfNewer(String key, CachedConfiguration entry) {
        entries.asMap()
                .merge(
                        key,
                        entry,
                        (current, candidate) ->
                                candidate.version() > current.version() ? candidate : current);
    }

    @Override
    public ComponentHealth check() {
        return ComponentHealth.healthy("cache", "in-process", 0);
    }
}
