package io.configservice.cache;

import io.configservice.health.ComponentHealth;
import io.configservice.redis.JedisClients;
import io.configservice.redis.LazyRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis cache shared by all replicas. Each key is a hash {@code v} (version), {@code d} (data),
 * {@code m} (meta) and, in effective entries, {@code r} (revision; entries written before it
 * existed lack it); writes go through a script that keeps the newer version. Values travel as
 * bytes: the document and meta stay UTF-8 from Redis to the response ({@link Utf8Json}). When Redis
 * fails, reads miss, and writes are kept in memory and replayed once Redis answers again, so an
 * entry written before the outage cannot outlive a newer commit. A warning is logged when Redis
 * goes down and a note when it is back; every failure counts in {@code configservice.cache.errors}.
 *
 * <p>It talks to Redis through a Jedis client of its own on the server Spring Data Redis reaches
 * ({@link JedisClients}: same server, database, credentials, timeouts and SSL), not through
 * Lettuce: a Jedis command is one blocking round trip on the request thread over a pooled
 * connection, where Lettuce hands each command to its event-loop thread and the reply back, two
 * thread hand-offs per read. That cut the service's CPU per cached read by 14–20 %
 * (bench/RESULTS.md, 2026-12-06 midday). Nor does it go through {@code RedisTemplate}, which wraps
 * every command in a new connection object: a fifth of the Redis read's CPU (bench/RESULTS.md,
 * 2026-12-06). The client is built on first use ({@link LazyRedisConnection}); after a command that
 * waited for a timeout, reads miss at once for a second instead of each waiting for one. The bean's
 * destroy closes it, after the web server has stopped taking requests.
 */
class RedisConfigurationCache implements ConfigurationCache, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConfigurationCache.class);
    private static final int MAX_UNWRITTEN = 100_000;
    private static final byte[][] FIELDS = {ascii("v"), ascii("d"), ascii("m"), ascii("r")};
    private static final byte[] PUT_IF_NEWER =
            ascii(
                    """
            local current = redis.call('HGET', KEYS[1], 'v')
            if current and tonumber(current) >= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('HSET', KEYS[1], 'v', ARGV[1], 'd', ARGV[2], 'm', ARGV[3])
            if ARGV[5] == '' then
              redis.call('HDEL', KEYS[1], 'r')
            else
              redis.call('HSET', KEYS[1], 'r', ARGV[5])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1""");

    private final LazyRedisConnection<UnifiedJedis, UnifiedJedis> redis;
    private final byte[] ttlMillis;
    private final Counter readErrors;
    private final Counter writeErrors;
    private final AtomicBoolean down = new AtomicBoolean(false);
    private final Map<String, CachedConfiguration> unwritten = new ConcurrentHashMap<>();

    RedisConfigurationCache(
            LazyRedisConnection<UnifiedJedis, UnifiedJedis> redis,
            Duration ttl,
            MeterRegistry meters) {
        this.redis = redis;
        this.ttlMillis = ascii(Long.toString(ttl.toMillis()));
        this.readErrors = meters.counter("configservice.cache.errors", "operation", "read");
        this.writeErrors = meters.counter("configservice.cache.errors", "operation", "write");
    }

    /**
     * A key whose last write could not reach Redis is written first: until then Redis may still
     * hold the entry from before the outage, and serving it once Redis answers again would return
     * content older than an acknowledged write. While the write still fails the read is a miss.
     */
    @Override
    public Optional<CachedConfiguration> get(String key) {
        CachedConfiguration pending = unwritten.get(key);
        if (pending != null && !replay(key, pending)) {
            return Optional.empty();
        }
        try {
            List<byte[]> values = onRedis(jedis -> jedis.hmget(utf8(key), FIELDS));
            recovered();
            byte[] version = values.get(0);
            byte[] data = values.get(1);
            byte[] meta = values.get(2);
            byte[] revision = values.get(3);
            if (version == null || data == null || meta == null) {
                return Optional.empty();
            }
            return Optional.of(
                    new CachedConfiguration(
                            Integer.parseInt(ascii(version)),
                            Utf8Json.adopt(data),
                            Utf8Json.adopt(meta),
                            revision != null ? Long.valueOf(ascii(revision)) : null));
        } catch (RuntimeException e) {
            failed(readErrors, e);
            return Optional.empty();
        }
    }

    @Override
    public void putIfNewer(String key, CachedConfiguration entry) {
        try {
            write(key, entry);
            recovered();
        } catch (RuntimeException e) {
            failed(writeErrors, e);
            if (unwritten.size() < MAX_UNWRITTEN) {
                unwritten.merge(
                        key,
                        entry,
                        (kept, candidate) ->
                                candidate.version() > kept.version() ? candidate : kept);
            }
        }
    }

    /** Replays writes that failed while Redis was unreachable. */
    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.cache-io.configservice.cache.CacheProperties'"
                            + ".replayInterval().toMillis()}")
    void replayUnwritten() {
        for (Map.Entry<String, CachedConfiguration> pending : unwritten.entrySet()) {
            if (!replay(pending.getKey(), pending.getValue())) {
                return;
            }
        }
    }

    /** Writes one entry that failed before; false while Redis still fails. */
    private boolean replay(String key, CachedConfiguration pending) {
        try {
            write(key, pending);
            unwritten.remove(key, pending);
            recovered();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void write(String key, CachedConfiguration entry) {
        List<byte[]> arguments =
                List.of(
                        ascii(Integer.toString(entry.version())),
                        entry.data().bytes(),
                        entry.meta().bytes(),
                        ttlMillis,
                        entry.revision() == null
                                ? new byte[0]
                                : ascii(entry.revision().toString()));
        onRedis(jedis -> jedis.eval(PUT_IF_NEWER, List.of(utf8(key)), arguments));
    }

    /**
     * Runs a command; one that waited for a timeout makes the next ones fail at once for a while.
     */
    private <R> R onRedis(Function<UnifiedJedis, R> command) {
        return redis.call(command, JedisClients::timedOut);
    }

    private static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static String ascii(byte[] number) {
        return new String(number, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public ComponentHealth check() {
        long start = System.nanoTime();
        try {
            onRedis(UnifiedJedis::ping);
            return ComponentHealth.healthy("cache", "redis", elapsedMillis(start));
        } catch (RuntimeException e) {
            return ComponentHealth.degraded(
                    "cache",
                    "redis",
                    elapsedMillis(start),
                    "Redis unreachable; configurations are served from PostgreSQL");
        }
    }

    private void failed(Counter counter, RuntimeException e) {
        counter.increment();
        if (down.compareAndSet(false, true)) {
            log.warn(
                    "Redis cache unavailable, serving from PostgreSQL until it is back: {}",
                    e.getMessage());
        }
    }

    private void recovered() {
        if (down.compareAndSet(true, false)) {
            log.info("Redis cache available again");
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Closes the Jedis client and its connections. */
    @Override
    public void close() {
        redis.close();
    }
}
