package io.configservice.configuration;

/** A served effective configuration, and its revision for the {@code ETag}. */
public record EffectiveRead(ConfigurationRead read, long revision) {
}
