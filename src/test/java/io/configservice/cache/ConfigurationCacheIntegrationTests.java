package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.audit.AccessAuditRecorder;
import io.configservice.redis.JedisClients;
import io.configservice.support.IntegrationTest;
import io.configservice.support.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;

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
                .isEqualTo(Utf8Json.of("{\"v\":5}"));
        cache.putIfNewer(key, new CachedConfiguration(6, "{\"v\":6}", "{}"));
        Map<Object, Object> stored = redis.opsForHash().entries(key);
        assertThat(stored).containsEntry("v", "6").containsEntry("d", "{\"v\":6}");
    }

    @Test
    void anEntryComesBackAsItWasStoredWhateverItsCharacters() {
        String key = "config:" + uniqueServiceId("utf8") + ":production:effective";
        CachedConfiguration entry =
                new CachedConfiguration(
                        7, "{\"greeting\":\"grüß dich 🚀 \\u0000\"}", "{\"by\":\"ørjan\"}", 42L);
        cache.putIfNewer(key, entry);
        assertThat(cache.get(key)).contains(entry);
        assertThat(redis.opsForHash().entries(key))
                .containsEntry("d", "{\"greeting\":\"grüß dich 🚀 \\u0000\"}")
                .containsEntry("m", "{\"by\":\"ørjan\"}")
                .containsEntry("r", "42");
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
        AtomicBoolean down = new AtomicBoolean();
        try (RedisConfigurationCache cacheOverOutage =
                new RedisConfigurationCache(
                        JedisClients.lazy(
                                () -> scriptsFailWhile(down), Duration.ofSeconds(1), "this test"),
                        Duration.ofMinutes(5),
                        meters)) {
            String key = "config:" + uniqueServiceId("missed") + ":production:latest";
            cacheOverOutage.putIfNewer(key, new CachedConfiguration(1, "{\"v\":1}", "{}"));

            down.set(true);
            cacheOverOutage.putIfNewer(key, new CachedConfiguration(2, "{\"v\":2}", "{}"));
            down.set(false);

            assertThat(cacheOverOutage.get(key))
                    .get()
                    .extracting(CachedConfiguration::version)
                    .isEqualTo(2);
            assertThat(redis.opsForHash().get(key, "v")).isEqualTo("2");
        }
    }

    /**
     * Redis as the cache sees it during an outage that only its writes (scripts) meet: reads still
     * answer.
     */
    private static JedisPooled scriptsFailWhile(AtomicBoolean down) {
        TestInfrastructure.Redis server = TestInfrastructure.redis();
        return new JedisPooled(server.host(), server.port()) {
            @Override
            public Object eval(byte[] script, List<byte[]> keys, List<byte[]> args) {
                if (down.get()) {
                    throw new JedisConnectionException("Redis is down");
                }
                return super.eval(script, keys, args);
            }
        };
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
