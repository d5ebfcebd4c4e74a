package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.RedisServers;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The configuration cache on a Redis found through a sentinel (Jedis's {@code JedisSentineled}),
 * configured only as the sentinel setup of {@code spring.data.redis.sentinel.*}, against real
 * {@code redis-server} masters, replica and sentinels that all require a password.
 */
class RedisSentinelCacheTests {

    private static final String MASTER_NAME = "configcache";
    private static final String DATA_PASSWORD = "data-node-secret";
    private static final String SENTINEL_PASSWORD = "sentinel-secret";
    private static final String KEY = ConfigurationCache.key("sentinel", "production", "latest");

    /** Generous: a sentinel looks at its master's replicas every 10 s, on a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(45);

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

    /**
     * A master, its replica and a sentinel of their own; the sentinel is told to fail over while
     * the cache is in use, and the cache's writes go to the promoted replica once Jedis hears of
     * it.
     */
    @Test
    void afterAFailoverTheCacheWritesToThePromotedReplica() {
        String name = "configcache-failover";
        int oldMaster =
                redis.standalone("--requirepass", DATA_PASSWORD, "--masterauth", DATA_PASSWORD);
        int replica =
                redis.standalone(
                        "--requirepass",
                        DATA_PASSWORD,
                        "--masterauth",
                        DATA_PASSWORD,
                        "--replicaof",
                        "127.0.0.1",
                        Integer.toString(oldMaster));
        try (Jedis replicaNode = onNode(replica, 0)) {
            await("the replica's link to its master")
                    .atMost(WAIT)
                    .until(() -> replicaNode.info("replication").contains("master_link_status:up"));
        }
        int watcher = redis.sentinel(name, oldMaster, DATA_PASSWORD, SENTINEL_PASSWORD);
        CachedConfiguration before = new CachedConfiguration(1, "{\"a\":1}", "{}");
        CachedConfiguration after = new CachedConfiguration(2, "{\"a\":2}", "{}");

        CacheContexts.cache()
                .withPropertyValues(
                        "spring.data.redis.sentinel.master=" + name,
                        "spring.data.redis.sentinel.nodes=127.0.0.1:" + watcher,
                        "spring.data.redis.sentinel.password=" + SENTINEL_PASSWORD,
                        "spring.data.redis.password=" + DATA_PASSWORD)
                .run(
                        context -> {
                            ConfigurationCache cache = context.getBean(ConfigurationCache.class);
                            cache.putIfNewer(KEY, before);
                            assertThat(cache.get(KEY)).contains(before);

                            try (Jedis sentinelNode = onSentinel(watcher)) {
                                await("the sentinel's view of the replica")
                                        .atMost(WAIT)
                                        .until(
                                                () ->
                                                        knowsHealthyReplica(
                                                                sentinelNode, name, replica));
                                sentinelNode.sentinelFailover(name);
                                await("the promotion of the replica")
                                        .atMost(WAIT)
                                        .until(
                                                () ->
                                                        sentinelNode
                                                                .sentinelGetMasterAddrByName(name)
                                                                .get(1)
                                                                .equals(Integer.toString(replica)));
                            }
                            try (Jedis promoted = onNode(replica, 0)) {
                                await("the cache's write on the promoted replica")
                                        .atMost(WAIT)
                                        .pollInterval(Duration.ofMillis(200))
                                        .untilAsserted(
                                                () -> {
                                                    cache.putIfNewer(KEY, after);
                                                    assertThat(promoted.hget(KEY, "v"))
                                                            .isEqualTo("2");
                                                });
                            }
                            assertThat(cache.get(KEY)).contains(after);
                        });
    }

    private static boolean knowsHealthyReplica(Jedis sentinelNode, String name, int replica) {
        return sentinelNode.sentinelReplicas(name).stream()
                .anyMatch(
                        known ->
                                Integer.toString(replica).equals(known.get("port"))
                                        && "slave".equals(known.get("flags"))
                                        && "ok".equals(known.get("master-link-status")));
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
        return onNode(master, database);
    }

    private static Jedis onNode(int port, int database) {
        return new Jedis(
                new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder()
                        .password(DATA_PASSWORD)
                        .database(database)
                        .build());
    }

    private static Jedis onSentinel(int port) {
        return new Jedis(
                new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder().password(SENTINEL_PASSWORD).build());
    }
}
