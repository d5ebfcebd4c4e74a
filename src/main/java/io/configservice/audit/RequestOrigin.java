package io.configservice.audit;

import org.jspecify.annotations.Nullable;

/** Where a request came from, for audit rows. */
public record RequestOrigin(@Nullable String ipAddress, @Nullable String userAgent) {
}
