package io.configservice.configuration.effective;

import io.configservice.cache.ConfigurationRead;

/** A served effective configuration, and its revision for the {@code ETag}. */
public record EffectiveRead(ConfigurationRead read, long revision) {}
