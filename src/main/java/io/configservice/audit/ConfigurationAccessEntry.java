package io.configservice.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One configuration read as the audit export writes it: who read what, from where; never a value.
 */
public record ConfigurationAccessEntry(
        long id,
        String serviceId,
        String environment,
        @Nullable Integer version,
        @Nullable String keyPath,
        @Nullable String actor,
        @Nullable String ipAddress,
        @Nullable String userAgent,
        boolean cached,
        Instant accessedAt) {}
