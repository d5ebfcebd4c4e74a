package io.configservice.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.RedisContexts;
import io.configservice.support.RedisServers;
import io.configservice.support.TestCertificates;
import io.configservice.web.ApiErrorWriter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rate-limit buckets on each Redis setup, as the application configures them ({@link
 * RateLimitConfig} on Spring Boot's Lettuce connection, SSL bundles and {@code
 * spring.data.redis.*}), against real {@code redis-server} processes: TLS with an SSL bundle's
 * trust, a sentinel and its master that both require a password, a cluster of three masters
 * requiring one.
 */
class RateLimitRedisSetupsTests {

    private static final BucketConfiguration TEN_PER_HOUR =
            BucketConfiguration.builder()
                    .addLimit(
                            Bandwidth.builder()
                                    .capacity(10)
                                    .refillGreedy(10, Duration.ofHours(1))
                                    .build())
                    .build();
    private static final String MASTER_NAME = "ratelimits";
    private static final String DATA_PASSWORD = "data-node-secret";
    private static final String SENTINEL_PASSWORD = "sentinel-secret";

    @RegisterExtension static final RedisServers redis = new RedisServers();

    private static TestCertificates authority;
    private static int tls;
    private static int master;
    private static int sentinel;
    private static List<Integer> cluster;

    @BeforeAll
    static void startServers() {
        authority = TestCertificates.authority(redis.directory().resolve("pki"), "test-ca");
        tls = redis.tls(authority.server("loopback", "IP:127.0.0.1,DNS:localhost"));
        master = redis.standalone("--requirepass", DATA_PASSWORD);
        sentinel = redis.sentinel(MASTER_NAME, master, DATA_PASSWORD, SENTINEL_PASSWORD);
        cluster = redis.cluster(3, DATA_PASSWORD);
    }

    /** Spring Boot's client options carry the bundle's trust; replacing them lost it. */
    @Test
    void bucketsLiveInRedisOverTlsWithTheBundlesTrust() {
        rateLimits()
                .withPropertyValues(
                        "spring.data.redis.host=127.0.0.1",
                        "spring.data.redis.port=" + tls,
                        "spring.ssl.bundle.pem.redis.truststore.certificate="
                                + authority.certificate().toUri(),
                        "spring.data.redis.ssl.bundle=redis")
                .run(
                        context -> {
                            BucketStore store = context.getBean(BucketStore.class);

                            assertThat(store).isInstanceOf(RedisBucketStore.class);
                            assertThat(store.tryConsume("ratelimit:tls", TEN_PER_HOUR).isConsumed())
                                    .isTrue();
                        });
    }

    @Test
    void bucketsLiveOnTheMasterOfASentinelSetupWithoutAHost() {
        rateLimits()
                .withPropertyValues(
                        "spring.data.redis.sentinel.master=" + MASTER_NAME,
                        "spring.data.redis.sentinel.nodes=127.0.0.1:" + sentinel,
                        "spring.data.redis.sentinel.password=" + SENTINEL_PASSWORD,
                        "spring.data.redis.password=" + DATA_PASSWORD)
                .run(
                        context -> {
                            BucketStore store = context.getBean(BucketStore.class);

                            assertThat(store).isInstanceOf(RedisBucketStore.class);
                            assertThat(
                                            store.tryConsume("ratelimit:sentinel", TEN_PER_HOUR)
                                                    .isConsumed())
                                    .isTrue();
                            try (Jedis direct =
                                    new Jedis(
                                            new HostAndPort("127.0.0.1", master),
                                            DefaultJedisClientConfig.builder()
                                                    .password(DATA_PASSWORD)
                                                    .build())) {
                                assertThat(direct.exists("ratelimit:sentinel")).isTrue();
                            }
                        });
    }

    @Test
    void bucketsLiveInAClusterWithoutAHost() {
        rateLimits()
                .withPropertyValues(
                        "spring.data.redis.cluster.nodes=127.0.0.1:" + cluster.get(0),
                        "spring.data.redis.password=" + DATA_PASSWORD)
                .run(
                        context -> {
                            BucketStore store = context.getBean(BucketStore.class);
                            List<String> keys =
                                    List.of("ratelimit:a", "ratelimit:b", "ratelimit:c");

                            assertThat(store).isInstanceOf(RedisBucketStore.class);
                            for (String key : keys) {
                                assertThat(store.tryConsume(key, TEN_PER_HOUR).isConsumed())
                                        .isTrue();
                            }
                            try (JedisCluster direct =
                                    new JedisCluster(
                                            Set.of(new HostAndPort("127.0.0.1", cluster.get(1))),
                                            DefaultJedisClientConfig.builder()
                                                    .password(DATA_PASSWORD)
                                                    .build())) {
                                assertThat(keys).allMatch(direct::exists);
                            }
                        });
    }

    private static ApplicationContextRunner rateLimits() {
        return RedisContexts.redisAutoConfigured()
                .withUserConfiguration(RateLimitConfig.class, Beans.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RateLimitProperties.class)
    static class Beans {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ApiErrorWriter apiErrorWriter() {
            return new ApiErrorWriter(JsonMapper.builder().build());
        }
    }
}
