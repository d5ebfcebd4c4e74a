package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.RedisServers;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The configuration cache on a Redis Cluster (Jedis's {@code JedisCluster}), configured only as
 * {@code spring.data.redis.cluster.nodes} and {@code spring.data.redis.password}, against three
 * real {@code redis-server} masters sharing the slots and requiring the password. The put-if-newer
 * script touches one key, its own, so it runs on any slot.
 */
class RedisClusterCacheTests {

    private static final int CONFIGURATIONS = 30;
    private static final String PASSWORD = "cluster-secret";

    @RegisterExtension static final RedisServers redis = new RedisServers();

    private static List<Integer> masters;

    @BeforeAll
    static void startCluster() {
        masters = redis.cluster(3, PASSWORD);
    }

    @Test
    void configurationsInEverySlotRangeAreStoredAndKeepTheirNewerVersion() {
        CacheContexts.cache()
                .withPropertyValues(
                        "spring.data.redis.cluster.nodes=127.0.0.1:" + masters.get(0),
                        "spring.data.redis.password=" + PASSWORD)
                .run(
                        context -> {
                            ConfigurationCache cache = context.getBean(ConfigurationCache.class);
                            assertThat(cache).isInstanceOf(RedisConfigurationCache.class);
                            List<String> keys =
                                    IntStream.range(0, CONFIGURATIONS)
                                            .mapToObj(
                                                    i ->
                                                            ConfigurationCache.key(
                                                                    "service-" + i,
                                                                    "production",
                                                                    "latest"))
                                            .toList();

                            for (String key : keys) {
                                cache.putIfNewer(key, entry(2, key));
                                cache.putIfNewer(key, entry(1, key));
                            }

                            for (String key : keys) {
                                assertThat(cache.get(key)).contains(entry(2, key));
                            }
                            for (int master : masters) {
                                try (Jedis node =
                                        new Jedis(
                                                new HostAndPort("127.0.0.1", master),
                                                DefaultJedisClientConfig.builder()
                                                        .password(PASSWORD)
                                                        .build())) {
                                    assertThat(node.dbSize())
                                            .as("configurations on the master at port %d", master)
                                            .isPositive();
                                }
                            }
                            assertThat(cache.check().status()).isEqualTo("healthy");
                        });
    }

    private static CachedConfiguration entry(int version, String key) {
        return new CachedConfiguration(
                version, "{\"key\":\"" + key + "\",\"v\":" + version + "}", "{}", 7L);
    }
}
