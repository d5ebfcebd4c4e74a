package io.configservice.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Where the buckets live: in this process or in Redis, shared by the replicas. */
interface BucketStore {

    /**
     * Spends one token of the bucket under {@code key}, created with {@code configuration} when
     * absent.
     *
     * @throws RuntimeException when the store cannot be reached; the caller lets the request
     *     through
     */
    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration);

    /** Says which store this is, for the start-up log line. */
    String describe();
}
