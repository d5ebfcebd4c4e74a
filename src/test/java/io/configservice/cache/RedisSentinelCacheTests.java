package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.RedisServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The configuration cache on a Redis found through a sentinel (Jedis's {@code JedisSentineled}),
 * configured only as the sentinel setup of {@code spring.data.redis.sentinel.*}, against a real
 * {@code redis-server} master and sentinel that both require a password.
 */
class RedisSentinelCacheTests {

    private static final String MASTER_NAME = "configcache";
    private static final String DATA_PASSWORD = "data-node-secret";
    private static final String SENTINEL_PASSWORD = "sentinel-secret";
    private static final String KEY = ConfigurationCache.key("sentinel", "production", "latest");

    @RegisterExtension static final RedisServers redis = new RedisServers();

    private static int master;
    private static int sentinel;

    @BeforeAll
    static void startMasterAndSentinel() {
        master = redis.standalone("--requirepass", DATA_PASSWORD);
        sentinel = redis.sentinel(MASTER_NAME, master, DATA_PASSWORD, SENTINEL_PASSWORD);
    }

    @Test
    void theCacheStoresOnTheMasterTheSentinelNamesAndKeepsTheNewerVersion() {
        sentinelCache()
                .withPropertyValues(
                        "spring.data.redis.database=3",
                        "spring.data.redis.sentinel.password=" + SENTINEL_PASSWORD)
                .run(
                        context -> {
                            ConfigurationCache cache = context.getBean(ConfigurationCache.class);
                            assertThat(cache).isInstanceOf(RedisConfigurationCache.class);

                            cache.putIfNewer(KEY, new CachedConfiguration(2, "{\"a\":2}", "{}"));
                            cache.putIfNewer(KEY, new CachedConfiguration(1, "{\"a\":1}", "{}"));

                            assertThat(cache.get(KEY))
                                    .hasValueSatisfying(
                                            entry -> {
                                                assertThat(entry.version()).isEqualTo(2);
                                                assertThat(entry.data().text())
                                                        .isEqualTo("{\"a\":2}");
                                            });
                            assertThat(cache.check().status()).isEqualTo("healthy");
                            try (Jedis direct = onMaster(3)) {
                                assertThat(direct.hget(KEY, "v")).isEqualTo("2");
                            }
                        });
    }

    @Test
    void withoutTheSentinelsPasswordTheCacheMissesAndTakesWritesWithoutFailing() {
        sentinelCache()
                .withPropertyValues("spring.data.redis.database=4")
                .run(
                        context -> {
                            ConfigurationCache cache = context.getBean(ConfigurationCache.class);

                            cache.putIfNewer(KEY, new CachedConfiguration(1, "{}", "{}"));

                            assertThat(cache.get(KEY)).isEmpty();
                            assertThat(cache.check().status()).isEqualTo("degraded");
                            try (Jedis direct = onMaster(4)) {
                                assertThat(direct.exists(KEY)).isFalse();
                            }
                        });
    }

    /** Only what a sentinel setup sets: no {@code spring.data.redis.host}. */
    private static ApplicationContextRunner sentinelCache() {
        return CacheContexts.cache()
                .withPropertyValues(
                        "spring.data.redis.sentinel.master=" + MASTER_NAME,
                        "spring.data.redis.sentinel.nodes=127.0.0.1:" + sentinel,
                        "spring.data.redis.password=" + DATA_PASSWORD);
    }

    private static Jedis onMaster(int database) {
        return new Jedis(
                new HostAndPort("127.0.0.1", master),
                DefaultJedisClientConfig.builder()
                        .password(DATA_PASSWORD)
                        .database(database)
                        .build());
    }
}
