package io.configservice.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.TestInfrastructure;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Leases against a real Redis: two stores stand for two replicas sharing one bucket. */
class RedisBucketStoreTests {

    private static final BucketConfiguration HUNDRED_PER_HOUR =
            BucketConfiguration.builder()
                    .addLimit(
                            Bandwidth.builder()
                                    .capacity(100)
                                    .refillGreedy(100, Duration.ofHours(1))
                                    .build())
                    .build();

    private final TestInfrastructure.Redis redis = TestInfrastructure.redis();
    private final RedisClient client =
            RedisClient.create(RedisURI.create(redis.host(), redis.port()));
    private final String key = "ratelimit-lease-test:" + Long.toString(System.nanoTime(), 36);

    @AfterEach
    void close() {
        try (var connection = client.connect()) {
            connection.sync().del(key);
        }
        client.shutdown();
    }

    @Test
    void replicasSpendLeasesLocallyAndTogetherNeverExceedTheBucket() {
        RedisBucketStore a = store(10);
        RedisBucketStore b = store(10);

        ConsumptionProbe first = a.tryConsume(key, HUNDRED_PER_HOUR);
        assertThat(first.isConsumed()).isTrue();
        assertThat(first.getRemainingTokens()).isEqualTo(99);
        assertThat(remainingInRedis()).as("a took a lease of 10").isEqualTo(90);
        for (int i = 0; i < 9; i++) {
            assertThat(a.tryConsume(key, HUNDRED_PER_HOUR).isConsumed()).isTrue();
        }
        assertThat(remainingInRedis()).as("the lease was spent without asking Redis").isEqualTo(90);
        assertThat(b.tryConsume(key, HUNDRED_PER_HOUR).getRemainingTokens()).isEqualTo(89);

        int admitted = 11;
        while (a.tryConsume(key, HUNDRED_PER_HOUR).isConsumed()) {
            admitted++;
        }
        while (b.tryConsume(key, HUNDRED_PER_HOUR).isConsumed()) {
            admitted++;
        }
        assertThat(admitted)
                .as("at most the bucket, at least the bucket less b's unspent lease")
                .isBetween(91, 100);
        ConsumptionProbe refused = b.tryConsume(key, HUNDRED_PER_HOUR);
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill()).isPositive();
        ConsumptionProbe refusedLocally = b.tryConsume(key, HUNDRED_PER_HOUR);
        assertThat(refusedLocally.isConsumed()).isFalse();
        assertThat(refusedLocally.getNanosToWaitForRefill())
                .isPositive()
                .isLessThanOrEqualTo(refused.getNanosToWaitForRefill());
        assertThat(remainingInRedis()).isZero();
    }

    @Test
    void threadsSpendingOneLeaseAtOnceAdmitExactlyTheBucket() throws Exception {
        BucketConfiguration thousandPerHour =
                BucketConfiguration.builder()
                        .addLimit(
                                Bandwidth.builder()
                                        .capacity(1000)
                                        .refillGreedy(1000, Duration.ofHours(1))
                                        .build())
                        .build();
        RedisBucketStore store = store(5);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> spenders = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                spenders.add(
                        threads.submit(
                                () -> {
                                    for (int i = 0; i < 200; i++) {
                                        if (store.tryConsume(key, thousandPerHour).isConsumed()) {
                                            admitted.incrementAndGet();
                                        }
                                    }
                                }));
            }
            for (Future<?> spender : spenders) {
                spender.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(admitted.get())
                .as("1,600 attempts on a bucket of 1,000, in leases of 50")
                .isEqualTo(1000);
        assertThat(remainingInRedis()).isZero();
    }

    @Test
    void leaseOfZeroPercentAsksRedisOnEveryRequest() {
        RedisBucketStore exact = store(0);
        for (int i = 1; i <= 5; i++) {
            assertThat(exact.tryConsume(key, HUNDRED_PER_HOUR).getRemainingTokens())
                    .isEqualTo(100 - i);
            assertThat(remainingInRedis()).isEqualTo(100 - i);
        }
    }

    private RedisBucketStore store(int leasePercent) {
        return new RedisBucketStore(
                () -> client,
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                "test",
                leasePercent,
                1000,
                Duration.ofHours(1));
    }

    /** What Redis itself has left, read without spending a token. */
    private long remainingInRedis() {
        try (var connection =
                client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE))) {
            return Bucket4jLettuce.casBasedBuilder(connection)
                    .build()
                    .builder()
                    .build(key, () -> HUNDRED_PER_HOUR)
                    .getAvailableTokens();
        }
    }
}
