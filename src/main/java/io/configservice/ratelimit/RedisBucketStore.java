package io.configservice.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap), shared by every replica. The
 * connection is opened on first use, on the Lettuce client Spring Data Redis configured, so a Redis that is down
 * at start-up or later only makes {@link #bucket} throw; a failed connection attempt is retried at most every
 * {@code reconnectBackoff}, and never by more than one thread at a time. The connection closes with the client.
 */
final class RedisBucketStore implements BucketStore {

    /** Keys outlive a full refill by this much, then Redis drops them. */
    private static final Duration KEY_GRACE = Duration.ofSeconds(10);

    private final Supplier<AbstractRedisClient> client;
    private final Duration requestTimeout;
    private final Duration reconnectBackoff;
    private final String description;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile @Nullable ProxyManager<String> proxies;
    private volatile long nextAttemptNanos = System.nanoTime();

    RedisBucketStore(Supplier<AbstractRedisClient> client, Duration requestTimeout, Duration reconnectBackoff,
            String description) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.reconnectBackoff = reconnectBackoff;
        this.description = description;
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return proxies().builder().build(key, () -> configuration);
    }

    @Override
    public String describe() {
        return description;
    }

    private ProxyManager<String> proxies() {
        ProxyManager<String> ready = proxies;
        if (ready != null) {
            return ready;
        }
        if (System.nanoTime() - nextAttemptNanos < 0 || !connecting.tryLock()) {
            throw new IllegalStateException("Redis is not connected for rate limiting");
        }
        try {
            ready = proxies;
            if (ready == null) {
                ready = connect();
                proxies = ready;
            }
            return ready;
        } catch (RuntimeException e) {
            nextAttemptNanos = System.nanoTime() + reconnectBackoff.toNanos();
            throw e;
        } finally {
            connecting.unlock();
        }
    }

    private ProxyManager<String> connect() {
        RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
        AbstractRedisClient redis = client.get();
        Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder;
        if (redis instanceof RedisClusterClient cluster) {
            var clusterConnection = cluster.connect(codec);
            builder = Bucket4jLettuce.casBasedBuilder(clusterConnection);
        } else if (redis instanceof RedisClient single) {
            var singleConnection = single.connect(codec);
            builder = Bucket4jLettuce.casBasedBuilder(singleConnection);
        } else {
            throw new IllegalStateException("Unsupported Lettuce client " + redis.getClass().getSimpleName());
        }
        return builder.requestTimeout(requestTimeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_GRACE))
                .build();
    }
}
