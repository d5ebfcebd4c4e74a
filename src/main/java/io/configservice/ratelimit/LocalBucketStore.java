package io.configservice.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Buckets in a bounded in-process map, for a single replica without Redis. A bucket idle for longer
 * than {@code idleExpiry} is forgotten; it would have refilled by then anyway.
 */
final class LocalBucketStore implements BucketStore {

    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;
    private final long maxBuckets;

    LocalBucketStore(long maxBuckets, Duration idleExpiry, TimeMeter time) {
        this.buckets =
                Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(idleExpiry).build();
        this.time = time;
        this.maxBuckets = maxBuckets;
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        return buckets.get(
                        key,
                        k -> {
                            var builder = Bucket.builder().withCustomTimePrecision(time);
                            for (var bandwidth : configuration.getBandwidths()) {
                                builder.addLimit(bandwidth);
                            }
                            return builder.build();
                        })
                .tryConsumeAndReturnRemaining(1);
    }

    @Override
    public String describe() {
        return "in-process (at most " + maxBuckets + " buckets)";
    }
}
