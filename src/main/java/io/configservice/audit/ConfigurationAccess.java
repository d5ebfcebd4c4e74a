package io.configservice.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One configuration read, as recorded in {@code configuration_access_log}. */
public record ConfigurationAccess(
        String serviceId,
        String environment,
        @Nullable Integer version,
        @Nullable String keyPath,
        String actor,
        @Nullable String ipAddress,
        @Nullable String userAgent,
        boolean cached,
        Instant accessedAt) {}
