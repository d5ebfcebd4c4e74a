package io.configservice.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Jittered exponential backoff ("full jitter"): the n-th delay is uniformly random in [min,
 * min(max, min·2ⁿ)], so many clients cut off by the same outage do not reconnect in the same
 * instant.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private int attempts;

    Backoff(Duration min, Duration max) {
        this.minMillis = min.toMillis();
        this.maxMillis = Math.max(max.toMillis(), minMillis);
    }

    synchronized Duration next() {
        long ceiling = minMillis << Math.min(attempts, 20);
        attempts++;
        long bound = Math.min(maxMillis, ceiling);
        return Duration.ofMillis(
                bound <= minMillis
                        ? minMillis
                        : ThreadLocalRandom.current().nextLong(minMillis, bound + 1));
    }

    synchronized void reset() {
        attempts = 0;
    }
}
