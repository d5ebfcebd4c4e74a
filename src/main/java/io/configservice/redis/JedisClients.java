package io.configservice.redis;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Sentinel;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Standalone;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.StringUtils;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Jedis client on the server Spring Data Redis's own connections reach: Spring Boot's resolved
 * {@link DataRedisConnectionDetails} (standalone, sentinel or cluster; database, credentials, SSL
 * bundle) and the timeouts, client name and SSL switch of {@code spring.data.redis.*}. Jedis
 * commands run on the calling thread over a pooled blocking connection, with no event loop to hand
 * them to and take their replies from.
 */
public final class JedisClients {

    private JedisClients() {}

    /**
     * Resolves the settings now, so a setting Jedis cannot serve fails the start-up, and returns
     * what builds the client when it is first needed: a sentinel or cluster client connects in its
     * constructor. A borrow waits at most {@code spring.data.redis.timeout} for a connection when
     * all {@code maxConnections} are in use.
     *
     * @throws IllegalStateException for a static master/replica setup, which Jedis does not support
     */
    public static Supplier<UnifiedJedis> connector(
            DataRedisConnectionDetails details,
            DataRedisProperties properties,
            int maxConnections) {
        ConnectionPoolConfig pool = pool(maxConnections, timeout(properties));
        Sentinel sentinel = details.getSentinel();
        if (sentinel != null) {
            DefaultJedisClientConfig master =
                    clientConfig(details, properties, sentinel.getDatabase());
            DefaultJedisClientConfig sentinels =
                    clientConfig(
                            properties,
                            details.getSslBundle(),
                            0,
                            sentinel.getUsername(),
                            sentinel.getPassword());
            Set<HostAndPort> nodes = addresses(sentinel.getNodes());
            return () -> new JedisSentineled(sentinel.getMaster(), master, pool, nodes, sentinels);
        }
        DataRedisConnectionDetails.Cluster cluster = details.getCluster();
        if (cluster != null) {
            DefaultJedisClientConfig config = clientConfig(details, properties, 0);
            Set<HostAndPort> nodes = addresses(cluster.getNodes());
            int maxAttempts = maxAttempts(properties);
            return () -> new JedisCluster(nodes, config, maxAttempts, pool);
        }
        if (details.getMasterReplica() != null) {
            throw new IllegalStateException(
                    "Redis master/replica (spring.data.redis.masterreplica) is not supported by"
                            + " the configuration cache, which uses Jedis; Spring Boot's own Jedis"
                            + " support refuses it too ('masterReplicaConfig' is not supported by"
                            + " Jedis). Configure a standalone, sentinel or cluster Redis.");
        }
        Standalone standalone = details.getStandalone();
        DefaultJedisClientConfig config =
                clientConfig(details, properties, standalone.getDatabase());
        HostAndPort address = new HostAndPort(standalone.getHost(), standalone.getPort());
        return () -> new JedisPooled(address, config, pool);
    }

    /**
     * A client built on first use by {@code connector}. A pool opens its connections as they are
     * borrowed and drops broken ones, so a client once built stays in use until it is closed.
     */
    public static LazyRedisConnection<UnifiedJedis, UnifiedJedis> lazy(
            Supplier<UnifiedJedis> connector, Duration reconnectBackoff, String purpose) {
        return new LazyRedisConnection<>(
                connector, client -> true, Function.identity(), reconnectBackoff, purpose);
    }

    /**
     * Whether a command failed because Redis did not answer in time, connecting or reading (as with
     * a host that drops packets): the failures that hold a request thread for a timeout. Jedis
     * reports them with a {@link SocketTimeoutException} as the cause, or, when connecting, among
     * the suppressed exceptions of the cause.
     */
    public static boolean timedOut(RuntimeException failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        while (!pending.isEmpty()) {
            Throwable next = pending.pop();
            if (next instanceof SocketTimeoutException) {
                return true;
            }
            if (seen.add(next)) {
                Collections.addAll(pending, next.getSuppressed());
                if (next.getCause() != null) {
                    pending.push(next.getCause());
                }
            }
        }
        return false;
    }

    /**
     * One connection per request thread reading at once; as many kept idle, so a burst does not
     * close and reopen connections; none opened ahead of use.
     */
    static ConnectionPoolConfig pool(int maxConnections, Duration maxWait) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMinIdle(0);
        pool.setMaxWait(maxWait);
        return pool;
    }

    /** A Redis server's own settings: the connection details' credentials. */
    private static DefaultJedisClientConfig clientConfig(
            DataRedisConnectionDetails details, DataRedisProperties properties, int database) {
        return clientConfig(
                properties,
                details.getSslBundle(),
                database,
                details.getUsername(),
                details.getPassword());
    }

    static DefaultJedisClientConfig clientConfig(
            DataRedisProperties properties,
            @Nullable SslBundle sslBundle,
            int database,
            @Nullable String username,
            @Nullable String password) {
        DefaultJedisClientConfig.Builder config =
                DefaultJedisClientConfig.builder()
                        .socketTimeoutMillis(millis(timeout(properties)))
                        .connectionTimeoutMillis(millis(connectTimeout(properties)))
                        .database(database)
                        .user(username)
                        .password(password);
        if (StringUtils.hasText(properties.getClientName())) {
            config.clientName(properties.getClientName());
        }
        if (sslBundle != null) {
            config.ssl(true)
                    .sslSocketFactory(sslBundle.createSslContext().getSocketFactory())
                    .sslParameters(sslParameters(sslBundle.getOptions()));
        } else if (properties.getSsl().isEnabled() || urlUsesSsl(properties.getUrl())) {
            config.ssl(true).sslParameters(verifyingHostname());
        }
        return config.build();
    }

    private static SSLParameters sslParameters(SslOptions options) {
        SSLParameters parameters = verifyingHostname();
        if (options.getCiphers() != null) {
            parameters.setCipherSuites(options.getCiphers());
        }
        if (options.getEnabledProtocols() != null) {
            parameters.setProtocols(options.getEnabledProtocols());
        }
        return parameters;
    }

    /**
     * The server's certificate must name the host connected to, as Lettuce checks by default for
     * Spring Data Redis on the same settings; Jedis checks only the chain of trust unless told.
     */
    private static SSLParameters verifyingHostname() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private static boolean urlUsesSsl(@Nullable String url) {
        return url != null && url.startsWith("rediss://");
    }

    private static Duration timeout(DataRedisProperties properties) {
        return orJedisDefault(properties.getTimeout());
    }

    private static Duration connectTimeout(DataRedisProperties properties) {
        return orJedisDefault(properties.getConnectTimeout());
    }

    /** Jedis's own default (2 s) for a timeout {@code spring.data.redis.*} leaves unset. */
    private static Duration orJedisDefault(@Nullable Duration timeout) {
        return timeout != null ? timeout : Duration.ofMillis(Protocol.DEFAULT_TIMEOUT);
    }

    private static int maxAttempts(DataRedisProperties properties) {
        DataRedisProperties.Cluster cluster = properties.getCluster();
        return cluster != null && cluster.getMaxRedirects() != null
                ? cluster.getMaxRedirects()
                : JedisCluster.DEFAULT_MAX_ATTEMPTS;
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }

    private static Set<HostAndPort> addresses(List<Node> nodes) {
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        for (Node node : nodes) {
            addresses.add(new HostAndPort(node.host(), node.port()));
        }
        return addresses;
    }
}
