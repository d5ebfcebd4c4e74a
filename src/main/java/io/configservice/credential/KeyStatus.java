package io.configservice.credential;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/keys}: the key encryption key, its versions and how many data keys each one
 * wraps.
 *
 * @param dataKeysToRewrap data keys still wrapped by an older version than the latest
 */
public record KeyStatus(
        String keyId,
        String mode,
        int latestVersion,
        List<KeyVersionStatus> versions,
        long dataKeysToRewrap) {

    /** One key version and the number of live data keys it wraps. */
    public record KeyVersionStatus(int version, @Nullable Instant createdAt, long dataKeys) {}
}
