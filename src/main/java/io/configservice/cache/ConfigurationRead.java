package io.configservice.cache;

/** A served configuration and whether it came from the cache. */
public record ConfigurationRead(CachedConfiguration entry, boolean cached) {}
