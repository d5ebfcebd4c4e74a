package io.configservice.crypto;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a key encryption key looks like now.
 *
 * @param id the stable key id stored beside every wrapped data key
 * @param mode {@code vault-transit} or {@code local-file}
 * @param latestVersion the version that wraps new data keys
 * @param versions every version that can still unwrap, oldest first
 */
public record KeyInfo(String id, String mode, int latestVersion, List<Version> versions) {

    /** One KEK version and when it was created ({@code null} when the key source does not say). */
    public record Version(int version, @Nullable Instant createdAt) {}
}
