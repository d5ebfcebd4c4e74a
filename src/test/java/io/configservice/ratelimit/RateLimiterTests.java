package io.configservice.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The decisions over in-process buckets, on a clock the test moves. */
class RateLimiterTests {

    private final ManualTime time = new ManualTime();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LocalBucketStore store = new LocalBucketStore(1000, Duration.ofHours(1), time);
    private final RateLimiter limiter = limiter(true);

    @Test
    void tokenMaySpendItsCapacityThenIsRefusedWithRetryAfter() {
        for (int i = 1; i <= 3; i++) {
            RateLimitDecision decision = limiter.consumeForToken("t1");
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.limit()).isEqualTo(3);
            assertThat(decision.remaining()).isEqualTo(3 - i);
        }
        RateLimitDecision refused = limiter.consumeForToken("t1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfterSeconds()).isEqualTo(20); // one of 3 per minute
        assertThat(meters.counter("configservice.ratelimit.rejected", "limit", "token").count())
                .isEqualTo(1);
    }

    @Test
    void bucketRefillsOverItsPeriod() {
        spend(() -> limiter.consumeForToken("t1"), 3);
        assertThat(limiter.consumeForToken("t1").allowed()).isFalse();
        time.advance(Duration.ofSeconds(20));
        assertThat(limiter.consumeForToken("t1").allowed()).isTrue();
        assertThat(limiter.consumeForToken("t1").allowed()).isFalse();
    }

    @Test
    void otherTokensAndAddressesAreUnaffected() {
        spend(() -> limiter.consumeForToken("t1"), 3);
        spend(() -> limiter.consumeForAddress("10.0.0.1"), 2);
        assertThat(limiter.consumeForToken("t1").allowed()).isFalse();
        assertThat(limiter.consumeForAddress("10.0.0.1").allowed()).isFalse();

        assertThat(limiter.consumeForToken("t2").allowed()).isTrue();
        assertThat(limiter.consumeForAddress("10.0.0.2").allowed()).isTrue();
        assertThat(limiter.checkAuthenticationAttempt("10.0.0.1").allowed()).isTrue();
    }

    @Test
    void addressLimitIsItsOwn() {
        RateLimitDecision decision = limiter.consumeForAddress("10.0.0.1");
        assertThat(decision.limit()).isEqualTo(2);
        assertThat(decision.remaining()).isEqualTo(1);
    }

    @Test
    void spentFailedAuthenticationBucketBlocksTheAddressBeforeItsTokenIsChecked() {
        assertThat(limiter.recordFailedAuthentication("10.0.0.1").allowed()).isTrue();
        assertThat(limiter.checkAuthenticationAttempt("10.0.0.1").allowed()).isTrue();
        assertThat(limiter.recordFailedAuthentication("10.0.0.1").allowed())
                .isTrue(); // the last one: now empty

        RateLimitDecision blocked = limiter.checkAuthenticationAttempt("10.0.0.1");
        assertThat(blocked.allowed()).isFalse();
        assertThat(blocked.limit()).isEqualTo(2);
        assertThat(blocked.retryAfterSeconds()).isEqualTo(1800); // one of 2 per hour
        assertThat(limiter.checkAuthenticationAttempt("10.0.0.2").allowed())
                .as("another address")
                .isTrue();
        assertThat(limiter.consumeForToken("t1").allowed())
                .as("request limits are separate")
                .isTrue();

        time.advance(Duration.ofMinutes(30));
        assertThat(limiter.checkAuthenticationAttempt("10.0.0.1").allowed()).isTrue();
    }

    @Test
    void failedAuthenticationRefusedByTheSharedBucketBlocksThisReplicaToo() {
        // another replica spent the bucket: this one learns it at the next failure it sees
        RateLimiter other = new RateLimiter(properties(true), store, meters, time);
        spend(() -> other.recordFailedAuthentication("10.0.0.1"), 2);
        assertThat(limiter.checkAuthenticationAttempt("10.0.0.1").allowed()).isTrue();

        RateLimitDecision refused = limiter.recordFailedAuthentication("10.0.0.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1800);
        assertThat(limiter.checkAuthenticationAttempt("10.0.0.1").allowed()).isFalse();
    }

    @Test
    void failingStoreLetsRequestsThroughAndCountsTheError() {
        BucketStore broken =
                new BucketStore() {
                    @Override
                    public ConsumptionProbe tryConsume(
                            String key, BucketConfiguration configuration) {
                        throw new IllegalStateException("Redis is down");
                    }

                    @Override
                    public String describe() {
                        return "broken";
                    }
                };
        RateLimiter failOpen = new RateLimiter(properties(true), broken, meters, time);

        for (int i = 0; i < 5; i++) {
            assertThat(failOpen.consumeForToken("t1")).isEqualTo(RateLimitDecision.unlimited());
            assertThat(failOpen.consumeForAddress("10.0.0.1").allowed()).isTrue();
            assertThat(failOpen.recordFailedAuthentication("10.0.0.1").allowed()).isTrue();
        }
        assertThat(failOpen.checkAuthenticationAttempt("10.0.0.1").allowed()).isTrue();
        assertThat(meters.counter("configservice.ratelimit.errors").count()).isEqualTo(15);
    }

    @Test
    void disabledLimiterAllowsEverythingWithoutHeaders() {
        RateLimiter disabled = limiter(false);
        for (int i = 0; i < 10; i++) {
            assertThat(disabled.consumeForToken("t1").limited()).isFalse();
            assertThat(disabled.recordFailedAuthentication("10.0.0.1").allowed()).isTrue();
        }
        assertThat(disabled.checkAuthenticationAttempt("10.0.0.1").allowed()).isTrue();
    }

    @Test
    void keysFollowTheRedisKeyPatterns() {
        RecordingStore recording = new RecordingStore(store);
        RateLimiter keyed = new RateLimiter(properties(true), recording, meters, time);
        keyed.consumeForToken("abc");
        keyed.consumeForAddress("10.0.0.1");
        keyed.recordFailedAuthentication("10.0.0.1");
        assertThat(recording.keys)
                .containsExactly(
                        "ratelimit:token:abc",
                        "ratelimit:ip:10.0.0.1",
                        "ratelimit:authfail:10.0.0.1");
    }

    private RateLimiter limiter(boolean enabled) {
        return new RateLimiter(properties(enabled), store, meters, time);
    }

    private static RateLimitProperties properties(boolean enabled) {
        return new RateLimitProperties(
                enabled,
                3,
                Duration.ofMinutes(1),
                2,
                Duration.ofMinutes(1),
                2,
                Duration.ofHours(1),
                "ratelimit:",
                1000,
                5);
    }

    private static void spend(java.util.function.Supplier<RateLimitDecision> request, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(request.get().allowed()).isTrue();
        }
    }

    private static final class ManualTime implements TimeMeter {

        private long nanos = 1_000_000_000L;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private static final class RecordingStore implements BucketStore {

        private final BucketStore delegate;
        private final java.util.List<String> keys = new java.util.ArrayList<>();

        RecordingStore(BucketStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
            keys.add(key);
            return delegate.tryConsume(key, configuration);
        }

        @Override
        public String describe() {
            return "recording";
        }
    }
}
