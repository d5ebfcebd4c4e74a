package io.configservice.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.configservice.redis.LazyRedisConnection;
import io.configservice.redis.LettuceClients;
import io.configservice.redis.Utf8KeysByteValues;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap), shared by every
 * replica, on a {@link LazyRedisConnection} of the Lettuce client Spring Data Redis configured: a
 * Redis that is down at start-up or later only makes {@link #tryConsume} throw.
 *
 * <p>A replica takes tokens from Redis in leases of {@code leasePercent} % of a bucket's capacity
 * (at least one) and spends them locally, so Redis sees one call per lease instead of one per
 * request. A lease is valid for one refill period of its bucket; tokens left in it then are lost.
 * So the replicas together admit at most one lease per replica more than the bucket in a burst, and
 * may refuse up to one lease per replica early; with small capacities the lease is one token and
 * every request asks Redis, exactly as without leases. {@code X-RateLimit-Remaining} counts what
 * Redis had left at the last lease plus the unspent lease. Once Redis refuses, the replica refuses
 * locally until Redis could have a token again.
 */
final class RedisBucketStore implements BucketStore {

    /** Keys outlive a full refill by this much, then Redis drops them. */
    private static final Duration KEY_GRACE = Duration.ofSeconds(10);

    private final Duration requestTimeout;
    private final String description;
    private final LazyRedisConnection<StatefulConnection<String, byte[]>, ProxyManager<String>>
            proxies;
    private final Cache<String, Lease> leases;
    private final int leasePercent;

    RedisBucketStore(
            Supplier<AbstractRedisClient> client,
            Duration requestTimeout,
            Duration reconnectBackoff,
            String description,
            int leasePercent,
            long maxLeases,
            Duration longestPeriod) {
        this.requestTimeout = requestTimeout;
        this.description = description;
        this.proxies =
                new LazyRedisConnection<>(
                        () -> LettuceClients.connect(client.get(), Utf8KeysByteValues.INSTANCE),
                        StatefulConnection::isOpen,
                        this::proxyManager,
                        reconnectBackoff,
                        "rate limiting");
        this.leasePercent = leasePercent;
        this.leases =
                Caffeine.newBuilder()
                        .maximumSize(maxLeases)
                        .expireAfterAccess(longestPeriod)
                        .build();
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        Bandwidth bandwidth = configuration.getBandwidths()[0];
        long leaseSize = Math.max(1, bandwidth.getCapacity() * leasePercent / 100);
        if (leaseSize == 1) {
            return remote(key, configuration).tryConsumeAndReturnRemaining(1);
        }
        Lease lease = leases.get(key, k -> new Lease());
        ConsumptionProbe spent = lease.spend(System.nanoTime());
        if (spent != null) {
            return spent;
        }
        lease.renewing.lock();
        try {
            long now = System.nanoTime();
            spent = lease.spend(now);
            if (spent != null) {
                return spent;
            }
            lease.tokens.set(0);
            Bucket remote = remote(key, configuration);
            ConsumptionProbe probe = remote.tryConsumeAndReturnRemaining(leaseSize);
            long taken = leaseSize;
            if (!probe.isConsumed()) {
                // too few left for a whole lease: take what there is, or learn how long to wait for
                // one token
                taken = Math.max(1, probe.getRemainingTokens());
                probe = remote.tryConsumeAndReturnRemaining(taken);
                if (!probe.isConsumed()) {
                    // Redis cannot have a token before then, so an over-limit flood costs Redis
                    // nothing meanwhile
                    lease.refusedUntilNanos = now + probe.getNanosToWaitForRefill();
                    return probe;
                }
            }
            lease.remoteRemaining = probe.getRemainingTokens();
            lease.validUntilNanos = now + bandwidth.getRefillPeriodNanos();
            lease.tokens.set(taken - 1);
            return ConsumptionProbe.consumed(lease.remoteRemaining + taken - 1, 0);
        } finally {
            lease.renewing.unlock();
        }
    }

    private Bucket remote(String key, BucketConfiguration configuration) {
        return proxies.get().builder().build(key, () -> configuration);
    }

    @Override
    public String describe() {
        return description;
    }

    private ProxyManager<String> proxyManager(StatefulConnection<String, byte[]> connection) {
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder =
                connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster
                        ? Bucket4jLettuce.casBasedBuilder(cluster)
                        : Bucket4jLettuce.casBasedBuilder(
                                (StatefulRedisConnection<String, byte[]>) connection);
        return builder.requestTimeout(requestTimeout)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                KEY_GRACE))
                .build();
    }

    /**
     * Tokens this replica took from a Redis bucket and has not spent yet. Spending is lock-free, so
     * the requests of one hot token do not queue on a monitor; only renewing, which needs Redis,
     * takes {@link #renewing}, and a renewal publishes {@link #tokens} last, after the validity and
     * the remote count it goes with.
     */
    private static final class Lease {
        private final ReentrantLock renewing = new ReentrantLock();
        private final AtomicLong tokens = new AtomicLong();
        private volatile long remoteRemaining;
        private volatile long validUntilNanos;
        private volatile long refusedUntilNanos;

        /**
         * A token of this lease, a refusal while Redis had none, or null when the lease must be
         * renewed.
         */
        @Nullable ConsumptionProbe spend(long now) {
            long refusedFor = refusedUntilNanos - now;
            if (refusedFor > 0) {
                return ConsumptionProbe.rejected(0, refusedFor, refusedFor);
            }
            if (now - validUntilNanos >= 0) {
                return null;
            }
            for (long left = tokens.get(); left > 0; left = tokens.get()) {
                if (tokens.compareAndSet(left, left - 1)) {
                    return ConsumptionProbe.consumed(remoteRemaining + left - 1, 0);
                }
            }
            return null;
        }
    }
}
