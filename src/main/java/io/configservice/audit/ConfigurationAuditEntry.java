package io.configservice.audit;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One configuration change as the audit API shows it, with its place in the hash chain once sealed.
 */
public record ConfigurationAuditEntry(
        long id,
        String serviceId,
        String environment,
        int version,
        String operation,
        @Nullable String actor,
        List<String> changedKeys,
        @Nullable String reason,
        Instant occurredAt,
        @Nullable Long chainSeq,
        @Nullable String hash) {}
