package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.redis.JedisClients;
import io.configservice.support.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;

/**
 * A Redis that cannot be reached makes the cache miss, never throw or hold a reader: at once when
 * nothing listens, and after one timeout, not one per read, when nothing answers.
 */
class UnreachableRedisCacheTests {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int READS = 20;

    /**
     * Less than half of what {@link #READS} reads would take if each waited for a timeout: wide
     * enough for a loaded machine, and still failing when the reads wait.
     */
    private static final Duration READS_AT_ONCE = TIMEOUT.multipliedBy(READS).dividedBy(2);

    private static final String KEY = "config:unreachable:production:latest";

    @Test
    void aRedisThatIsDownAtStartMakesReadsMissAtOnce() throws IOException {
        try (RedisConfigurationCache cache = cacheOn(TestInfrastructure.freePort())) {
            assertThat(cache.get(KEY)).isEmpty();
            cache.putIfNewer(KEY, new CachedConfiguration(1, "{}", "{}"));

            long started = System.nanoTime();
            for (int i = 0; i < READS; i++) {
                assertThat(cache.get(KEY)).isEmpty();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(READS_AT_ONCE);
            assertThat(cache.check().status()).isEqualTo("degraded");
        }
    }

    @Test
    void aRedisThatDoesNotAnswerCostsOneTimeoutThenReadsMissAtOnce() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                RedisConfigurationCache cache = cacheOn(silent.getLocalPort())) {
            long started = System.nanoTime();
            assertThat(cache.get(KEY)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThanOrEqualTo(TIMEOUT);

            long afterTimeout = System.nanoTime();
            for (int i = 0; i < READS; i++) {
                assertThat(cache.get(KEY)).isEmpty();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - afterTimeout))
                    .isLessThan(READS_AT_ONCE);
        }
    }

    private static RedisConfigurationCache cacheOn(int port) {
        DataRedisProperties properties = new DataRedisProperties();
        properties.setTimeout(TIMEOUT);
        properties.setConnectTimeout(TIMEOUT);
        DataRedisConnectionDetails details =
                new DataRedisConnectionDetails() {
                    @Override
                    public Standalone getStandalone() {
                        return Standalone.of("127.0.0.1", port);
                    }
                };
        return new RedisConfigurationCache(
                JedisClients.lazy(
                        JedisClients.connector(details, properties, 4),
                        Duration.ofSeconds(5),
                        "this test"),
                Duration.ofMinutes(5),
                new SimpleMeterRegistry());
    }
}
