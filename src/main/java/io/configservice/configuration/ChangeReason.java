package io.configservice.configuration;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Optional body of a rollback: why it is done and the version the caller expects to be current. */
public record ChangeReason(
        @Size(max = 2000) @Nullable String changeReason,
        @Positive @Nullable Integer expectedVersion) {}
