package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.audit.AccessAuditRecorder;
import io.configservice.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.MediaType;

class ConfigurationCacheIntegrationTests extends IntegrationTest {

    @Autowired private StringRedisTemplate redis;

    @Autowired private ConfigurationCache cache;

    @Autowired private AccessAuditRecorder accessAudit;

    @Autowired private MeterRegistry meters;

    @Test
    void usesRedisWhenConfigured() {
        assertThat(cache).isInstanceOf(RedisConfigurationCache.class);
    }

    @Test
    void secondReadIsServedFromRedisUnderTheSpecKey() {
        String serviceId = uniqueServiceId("cached");
        createConfiguration(serviceId, "{\"a\":1}");
        String key = "config:" + serviceId + ":production:latest";
        redis.delete(key);

        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cached")
                .isEqualTo(false);
        assertThat(redis.opsForHash().get(key, "v")).isEqualTo("1");
        Long ttl = redis.getExpire(key);
        assertThat(ttl).isBetween(1L, 300L);

        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.cached")
                .isEqualTo(true)
                .jsonPath("$.data.a")
                .isEqualTo(1)
                .jsonPath("$.meta.version")
                .isEqualTo(1);

        admin().get()
                .uri("/api/v1/configurations/{id}?version=1", serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.cached")
                .isEqualTo(false);
        assertThat(redis.hasKey("config:" + serviceId + ":production:1")).isTrue();
    }

    @Test
    void writeReplacesTheCachedLatestSoNoReadIsStale() {
        String serviceId = uniqueServiceId("fresh");
        createConfiguration(serviceId, "{\"a\":1}");
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();

        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"a":2}}""")
                .exchange()
                .expectStatus()
                .isOk();

        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.data.a")
                .isEqualTo(2)
                .jsonPath("$.cached")
                .isEqualTo(true);
    }

    @Test
    void anOlderVersionNeverReplacesANewerCachedOne() {
        String key = "config:" + uniqueServiceId("race") + ":production:latest";
        cache.putIfNewer(key, new CachedConfiguration(5, "{\"v\":5}", "{}"));
        cache.putIfNewer(key, new CachedConfiguration(4, "{\"v\":4}", "{}"));
        assertThat(cache.get(key))
                .get()
                .extracting(CachedConfiguration::data)
                .isEqualTo("{\"v\":5}");
        cache.putIfNewer(key, new CachedConfiguration(6, "{\"v\":6}", "{}"));
        Map<Object, Object> stored = redis.opsForHash().entries(key);
        assertThat(stored).containsEntry("v", "6").containsEntry("d", "{\"v\":6}");
    }

    @Test
    void cachedReadsBorrowNoDatabaseConnection() throws Exception {
        String serviceId = uniqueServiceId("hot");
        createConfiguration(serviceId, "{\"a\":1}");
        String token = issueToken(serviceId);
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();
        accessAudit.stop();
        try {
            long before = connectionBorrows();
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                as(token)
                        .get()
                        .uri("/api/v1/configurations/{id}", serviceId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.cached")
                        .isEqualTo(true);
            }
            long duringReads = connectionBorrows() - before;
            long idleBefore = connectionBorrows();
            Thread.sleep(Duration.ofNanos(System.nanoTime() - started).toMillis());
            long idle = connectionBorrows() - idleBefore;
            assertThat(duringReads)
                    .as(
                            "50 cached reads borrowed %d connections, an idle period as long %d (background jobs: "
                                    + "outbox relay, audit sealer, token last-use flush)",
                            duringReads, idle)
                    .isLessThan(idle + 25);
        } finally {
            accessAudit.start();
        }
        assertThat(accessAudit.awaitWritten(Duration.ofSeconds(10))).isTrue();
    }

    private long connectionBorrows() {
        return meters.find("hikaricp.connections.usage").timers().stream()
                .mapToLong(t -> t.count())
                .sum();
    }

    @Test
    void aWriteThatMissedRedisIsWhatIsReadOnceRedisAnswersAgainEvenBeforeTheReplay() {
        ScriptsFailWhileDown redisOutage =
                new ScriptsFailWhileDown(redis.getRequiredConnectionFactory());
        RedisConfigurationCache cacheOverOutage =
                new RedisConfigurationCache(redisOutage, Duration.ofMinutes(5), meters);
        String key = "config:" + uniqueServiceId("missed") + ":production:latest";
        cacheOverOutage.putIfNewer(key, new CachedConfiguration(1, "{\"v\":1}", "{}"));

        redisOutage.down = true;
        cacheOverOutage.putIfNewer(key, new CachedConfiguration(2, "{\"v\":2}", "{}"));
        redisOutage.down = false;

        assertThat(cacheOverOutage.get(key))
                .get()
                .extracting(CachedConfiguration::version)
                .isEqualTo(2);
        assertThat(redis.opsForHash().get(key, "v")).isEqualTo("2");
    }

    /**
     * Redis as the cache sees it during an outage that only its writes (scripts) meet: reads still
     * answer.
     */
    private static final class ScriptsFailWhileDown extends StringRedisTemplate {

        private volatile boolean down;

        ScriptsFailWhileDown(RedisConnectionFactory connections) {
            super(connections);
        }

        @Override
        public <T> T execute(RedisScript<T> script, List<String> keys, Object... args) {
            if (down) {
                throw new RedisConnectionFailureException("Redis is down");
            }
            return super.execute(script, keys, args);
        }
    }

    @Test
    void cacheContentsAreTheDocumentAndMetaOnly() {
        String serviceId = uniqueServiceId("contents");
        createConfiguration(serviceId, "{\"a\":1}");
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(redis.opsForHash().keys("config:" + serviceId + ":production:latest"))
                .containsExactlyInAnyOrder("v", "d", "m");
    }
}
