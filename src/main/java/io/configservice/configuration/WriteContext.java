package io.configservice.configuration;

import io.configservice.security.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Who writes which configuration, why, and which version they believe is current.
 *
 * @param expectedVersion from {@code If-Match} or {@code expectedVersion}; {@code null} when not
 *     given
 */
public record WriteContext(
        Caller caller,
        String serviceId,
        String environment,
        @Nullable String reason,
        @Nullable Integer expectedVersion) {}
