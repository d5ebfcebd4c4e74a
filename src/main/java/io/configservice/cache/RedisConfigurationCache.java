package io.configservice.cache;

import io.configservice.health.ComponentHealth;
import io.configservice.redis.LazyRedisConnection;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Redis cache shared by all replicas. Each key is a hash {@code v} (version), {@code d} (data),
 * {@code m} (meta) and, in effective entries, {@code r} (revision; entries written before it
 * existed lack it); writes go through a script that keeps the newer version. Values travel as
 * bytes: the document and meta stay UTF-8 from Redis to the response ({@link Utf8Json}). When Redis
 * fails, reads miss, and writes are kept in memory and replayed once Redis answers again, so an
 * entry written before the outage cannot outlive a newer commit. A warning is logged when Redis
 * goes down and a note when it is back; every failure counts in {@code configservice.cache.errors}.
 *
 * <p>It talks to Redis over a connection of its own on the Lettuce client Spring Data Redis
 * configured (same server, database, timeout and client options) rather than through {@code
 * RedisTemplate}, which wraps every command in a new connection object: a fifth of the Redis read's
 * CPU on the cached read's path (bench/RESULTS.md, 2026-12-06).
 */
class RedisConfigurationCache implements ConfigurationCache {

    private static final Logger log = LoggerFactory.getLogger(RedisConfigurationCache.class);
    private static final int MAX_UNWRITTEN = 100_000;
    private static final String[] FIELDS = {"v", "d", "m", "r"};
    private static final String PUT_IF_NEWER =
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
            return 1""";

    private final LazyRedisConnection<?, RedisClusterCommands<String, byte[]>> redis;
    private final byte[] ttlMillis;
    private final Counter readErrors;
    private final Counter writeErrors;
    private final AtomicBoolean down = new AtomicBoolean(false);
    private final Map<String, CachedConfiguration> unwritten = new ConcurrentHashMap<>();

    RedisConfigurationCache(
            LazyRedisConnection<?, RedisClusterCommands<String, byte[]>> redis,
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
            List<KeyValue<String, byte[]>> values = redis.get().hmget(key, FIELDS);
            recovered();
            if (!values.get(0).hasValue()
                    || !values.get(1).hasValue()
                    || !values.get(2).hasValue()) {
                return Optional.empty();
            }
            KeyValue<String, byte[]> revision = values.get(3);
            return Optional.of(
                    new CachedConfiguration(
                            Integer.parseInt(ascii(values.get(0).getValue())),
                            Utf8Json.adopt(values.get(1).getValue()),
                            Utf8Json.adopt(values.get(2).getValue()),
                            revision.hasValue() ? Long.valueOf(ascii(revision.getValue())) : null));
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
        redis.get()
                .eval(
                        PUT_IF_NEWER,
                        ScriptOutputType.INTEGER,
                        new String[] {key},
                        ascii(Integer.toString(entry.version())),
                        entry.data().bytes(),
                        entry.meta().bytes(),
                        ttlMillis,
                        entry.revision() == null
                                ? new byte[0]
                                : ascii(entry.revision().toString()));
    }

    private static String ascii(byte[] number) {
        return new String(number, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String number) {
        return number.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public ComponentHealth check() {
        long start = System.nanoTime();
        try {
            redis.get().ping();
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
}
