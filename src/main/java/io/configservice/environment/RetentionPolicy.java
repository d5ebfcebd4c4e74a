package io.configservice.environment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * How many configuration versions an environment keeps. A version other than the current one is
 * pruned only when it breaks every rule that is set: it is not among the newest {@code maxVersions}
 * and it is older than {@code maxAgeDays}. With neither set, every version is kept.
 */
public record RetentionPolicy(
        @Positive @Max(1_000_000) @Nullable Integer maxVersions,
        @Positive @Max(36_500) @Nullable Integer maxAgeDays) {

    public boolean keepsEverything() {
        return maxVersions == null && maxAgeDays == null;
    }
}
