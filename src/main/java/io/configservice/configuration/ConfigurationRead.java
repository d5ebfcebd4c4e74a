package io.configservice.configuration;

import io.configservice.cache.CachedConfiguration;

/** A served configuration and whether it came from the cache. */
public record ConfigurationRead(CachedConfiguration entry, boolean cached) {}
