package io.configservice.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configservice.support.TestInfrastructure;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The Jedis client reaches what Spring Boot resolved for its own Redis connection. */
class JedisClientsTests {

    private final DataRedisProperties properties = new DataRedisProperties();

    @Test
    void aStandaloneClientReachesTheServerDatabaseAndClientNameOfTheConnectionDetails() {
        TestInfrastructure.Redis redis = TestInfrastructure.redis();
        properties.setClientName("jedis-clients-test");
        DataRedisConnectionDetails details =
                standalone(
                        DataRedisConnectionDetails.Standalone.of(redis.host(), redis.port(), 5),
                        null,
                        null);

        try (UnifiedJedis jedis = JedisClients.connector(details, properties, 2).get()) {
            String client =
                    new String(
                            (byte[]) jedis.sendCommand(Protocol.Command.CLIENT, "INFO"),
                            StandardCharsets.UTF_8);
            assertThat(client).contains("name=jedis-clients-test").contains(" db=5 ");
        }
    }

    @Test
    void theCredentialsOfTheConnectionDetailsAreSentAndNeverReported() {
        TestInfrastructure.Redis redis = TestInfrastructure.redis();
        DataRedisConnectionDetails details =
                standalone(
                        DataRedisConnectionDetails.Standalone.of(redis.host(), redis.port()),
                        "no-such-user",
                        "the-secret-password");

        try (UnifiedJedis jedis = JedisClients.connector(details, properties, 2).get()) {
            assertThatThrownBy(jedis::ping)
                    .satisfies(
                            failure -> {
                                assertThat(messages(failure)).contains("WRONGPASS");
                                assertThat(messages(failure)).doesNotContain("the-secret-password");
                            });
        }
    }

    @Test
    void timeoutsCredentialsAndClientNameReachTheClientConfig() {
        properties.setTimeout(Duration.ofMillis(750));
        properties.setConnectTimeout(Duration.ofMillis(250));
        properties.setClientName("config-service");

        DefaultJedisClientConfig config =
                JedisClients.clientConfig(properties, null, 3, "cache", "s3cret");

        assertThat(config.getSocketTimeoutMillis()).isEqualTo(750);
        assertThat(config.getConnectionTimeoutMillis()).isEqualTo(250);
        assertThat(config.getDatabase()).isEqualTo(3);
        assertThat(config.getUser()).isEqualTo("cache");
        assertThat(config.getPassword()).isEqualTo("s3cret");
        assertThat(config.getClientName()).isEqualTo("config-service");
        assertThat(config.isSsl()).isFalse();
    }

    @Test
    void unsetTimeoutsAreJedisDefaults() {
        DefaultJedisClientConfig config =
                JedisClients.clientConfig(properties, null, 0, null, null);

        assertThat(config.getSocketTimeoutMillis()).isEqualTo(Protocol.DEFAULT_TIMEOUT);
        assertThat(config.getConnectionTimeoutMillis()).isEqualTo(Protocol.DEFAULT_TIMEOUT);
        assertThat(config.getClientName()).isNull();
    }

    @Test
    void sslIsUsedWhenEnabledWhenTheUrlSaysRedissOrWithTheBundlesSocketFactory() {
        properties.getSsl().setEnabled(true);
        DefaultJedisClientConfig enabled =
                JedisClients.clientConfig(properties, null, 0, null, null);
        assertThat(enabled.isSsl()).isTrue();

        DataRedisProperties byUrl = new DataRedisProperties();
        byUrl.setUrl("rediss://cache.example:6380");
        DefaultJedisClientConfig url = JedisClients.clientConfig(byUrl, null, 0, null, null);
        assertThat(url.isSsl()).isTrue();

        DefaultJedisClientConfig bundled =
                JedisClients.clientConfig(
                        new DataRedisProperties(), SslBundle.systemDefault(), 0, null, null);
        assertThat(bundled.isSsl()).isTrue();
        assertThat(bundled.getSslSocketFactory()).isNotNull();

        assertThat(List.of(enabled, url, bundled))
                .allSatisfy(
                        config ->
                                assertThat(
                                                config.getSslParameters()
                                                        .getEndpointIdentificationAlgorithm())
                                        .as("the certificate's host name is checked")
                                        .isEqualTo("HTTPS"));
    }

    @Test
    void aMasterReplicaSetupIsRefusedAtOnce() {
        DataRedisConnectionDetails masterReplica =
                new DataRedisConnectionDetails() {
                    @Override
                    public MasterReplica getMasterReplica() {
                        return () -> List.of(new Node("replica.example", 6379));
                    }
                };

        ThrowingCallable resolve = () -> JedisClients.connector(masterReplica, properties, 2);

        assertThatThrownBy(resolve)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master/replica")
                .hasMessageContaining("'masterReplicaConfig' is not supported by Jedis");
    }

    @Test
    void thePoolHoldsUpToOneConnectionPerReaderKeepsThemIdleAndWaitsAtMostTheTimeout() {
        ConnectionPoolConfig pool = JedisClients.pool(200, Duration.ofMillis(500));

        assertThat(pool.getMaxTotal()).isEqualTo(200);
        assertThat(pool.getMaxIdle()).isEqualTo(200);
        assertThat(pool.getMinIdle()).isZero();
        assertThat(pool.getMaxWaitDuration()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void onlyFailuresThatWaitedForATimeoutCountAsTimedOut() {
        JedisConnectionException readTimeout =
                new JedisConnectionException(new SocketTimeoutException("Read timed out"));
        JedisConnectionException connectTimeout =
                new JedisConnectionException("Failed to connect to cache.example:6379.");
        connectTimeout.addSuppressed(new SocketTimeoutException("Connect timed out"));
        JedisConnectionException refused =
                new JedisConnectionException("Failed to connect to cache.example:6379.");
        refused.addSuppressed(new ConnectException("Connection refused"));

        assertThat(JedisClients.timedOut(readTimeout)).isTrue();
        assertThat(
                        JedisClients.timedOut(
                                new JedisConnectionException(
                                        "Could not get a resource from the pool", connectTimeout)))
                .isTrue();
        assertThat(JedisClients.timedOut(refused)).isFalse();
        assertThat(JedisClients.timedOut(new IllegalStateException("not connected"))).isFalse();
    }

    private static DataRedisConnectionDetails standalone(
            DataRedisConnectionDetails.Standalone standalone, String username, String password) {
        return new DataRedisConnectionDetails() {
            @Override
            public Standalone getStandalone() {
                return standalone;
            }

            @Override
            public String getUsername() {
                return username;
            }

            @Override
            public String getPassword() {
                return password;
            }
        };
    }

    /** Every message in the failure's chain of causes. */
    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable next = failure; next != null; next = next.getCause()) {
            messages.append(next.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
