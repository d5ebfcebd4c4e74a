package io.configservice.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Filters of the audit API; each one is optional. */
public record AuditFilter(
        @Nullable String serviceId,
        @Nullable String environment,
        @Nullable String actor,
        @Nullable String operation,
        @Nullable Instant from,
        @Nullable Instant to) {}
