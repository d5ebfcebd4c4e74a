package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.RedisServers;
import io.configservice.support.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The configuration cache over TLS, with the trust of a Spring Boot SSL bundle ({@code
 * spring.data.redis.ssl.bundle}), against real {@code redis-server}s that listen on TLS only, with
 * certificates made for the test by a certificate authority of its own.
 */
class RedisTlsCacheTests {

    private static final String KEY = ConfigurationCache.key("tls", "production", "latest");

    @RegisterExtension static final RedisServers redis = new RedisServers();

    private static TestCertificates authority;
    private static int loopback;
    private static int otherHost;

    @BeforeAll
    static void startServers() {
        authority = TestCertificates.authority(redis.directory().resolve("pki"), "test-ca");
        loopback = redis.tls(authority.server("loopback", "IP:127.0.0.1,DNS:localhost"));
        otherHost = redis.tls(authority.server("other-host", "DNS:cache.other.example"));
    }

    @Test
    void theCacheWorksOverTlsWithTheBundlesTrust() {
        cacheOn(loopback)
                .withPropertyValues(
                        "spring.ssl.bundle.pem.redis.truststore.certificate="
                                + authority.certificate().toUri(),
                        "spring.data.redis.ssl.bundle=redis")
                .run(
                        context -> {
                            ConfigurationCache cache = context.getBean(ConfigurationCache.class);
                            assertThat(cache).isInstanceOf(RedisConfigurationCache.class);

                            cache.putIfNewer(KEY, new CachedConfiguration(2, "{\"a\":2}", "{}"));
                            cache.putIfNewer(KEY, new CachedConfiguration(1, "{\"a\":1}", "{}"));

                            assertThat(cache.get(KEY))
                                    .contains(new CachedConfiguration(2, "{\"a\":2}", "{}"));
                            assertThat(cache.check().status()).isEqualTo("healthy");
                        });
    }

    /** The JVM's default trust store, which does not hold the test's authority. */
    @Test
    void withoutTheBundlesTrustTheCacheMisses() {
        cacheOn(loopback)
                .withPropertyValues("spring.data.redis.ssl.enabled=true")
                .run(
                        context ->
                                assertMissesWithoutFailing(
                                        context.getBean(ConfigurationCache.class)));
    }

    /** As Spring Data Redis's Lettuce connection does on the same settings. */
    @Test
    void aCertificateForAnotherHostIsRefused() {
        cacheOn(otherHost)
                .withPropertyValues(
                        "spring.ssl.bundle.pem.redis.truststore.certificate="
                                + authority.certificate().toUri(),
                        "spring.data.redis.ssl.bundle=redis")
                .run(
                        context ->
                                assertMissesWithoutFailing(
                                        context.getBean(ConfigurationCache.class)));
    }

    private static void assertMissesWithoutFailing(ConfigurationCache cache) {
        cache.putIfNewer(KEY, new CachedConfiguration(1, "{}", "{}"));

        assertThat(cache.get(KEY)).isEmpty();
        assertThat(cache.check().status()).isEqualTo("degraded");
    }

    private static ApplicationContextRunner cacheOn(int port) {
        return CacheContexts.cache()
                .withPropertyValues(
                        "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port);
    }
}
