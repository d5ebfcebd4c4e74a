package io.configservice.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request may proceed: one bucket per service token, one per client address for
 * callers without a token, and a stricter one per address for failed authentications. When the
 * bucket store fails (Redis down) the request is allowed, with a warning at most every 30 seconds
 * and the {@code configservice.ratelimit.errors} counter, so a Redis outage never becomes an API
 * outage.
 *
 * <p>Once an address has spent its failed-authentication bucket, this replica refuses its
 * token-bearing requests without checking the token until the bucket would have a token again.
 * Other replicas learn it at the next failed attempt they see, which their shared bucket refuses.
 */
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    private final RateLimitProperties properties;
    private final BucketStore store;
    private final TimeMeter time;
    private final BucketConfiguration tokenLimit;
    private final BucketConfiguration addressLimit;
    private final BucketConfiguration failedAuthenticationLimit;

    /**
     * Address to the time (nanos of {@link #time}) until which its token-bearing requests are
     * refused.
     */
    private final Cache<String, Long> blockedAddresses;

    private final Counter errors;
    private final MeterRegistry meters;
    private final AtomicLong lastWarningNanos;

    RateLimiter(
            RateLimitProperties properties,
            BucketStore store,
            MeterRegistry meters,
            TimeMeter time) {
        this.properties = properties;
        this.store = store;
        this.time = time;
        this.meters = meters;
        this.tokenLimit = configuration(properties.tokenCapacity(), properties.tokenPeriod());
        this.addressLimit = configuration(properties.ipCapacity(), properties.ipPeriod());
        this.failedAuthenticationLimit =
                configuration(
                        properties.failedAuthenticationCapacity(),
                        properties.failedAuthenticationPeriod());
        this.blockedAddresses =
                Caffeine.newBuilder()
                        .maximumSize(properties.maxLocalBuckets())
                        .expireAfterWrite(properties.failedAuthenticationPeriod())
                        .build();
        this.errors =
                Counter.builder("configservice.ratelimit.errors")
                        .description(
                                "Rate limit checks let through because the bucket store failed")
                        .register(meters);
        this.lastWarningNanos = new AtomicLong(time.currentTimeNanos() - WARN_EVERY_NANOS);
    }

    /** Spends one request of an authenticated caller's token. */
    public RateLimitDecision consumeForToken(String tokenId) {
        return consume(
                "token",
                properties.keyPrefix() + "token:" + tokenId,
                tokenLimit,
                properties.tokenCapacity());
    }

    /** Spends one request of a caller without a token, by client address. */
    public RateLimitDecision consumeForAddress(String address) {
        return consume(
                "ip",
                properties.keyPrefix() + "ip:" + address,
                addressLimit,
                properties.ipCapacity());
    }

    /**
     * Whether a token-bearing request from {@code address} may have its token checked: refused
     * while this replica knows the address has spent its failed-authentication bucket. Asks no
     * store.
     */
    public RateLimitDecision checkAuthenticationAttempt(String address) {
        if (!properties.enabled()) {
            return RateLimitDecision.unlimited();
        }
        @Nullable Long blockedUntil = blockedAddresses.getIfPresent(address);
        if (blockedUntil != null) {
            long wait = blockedUntil - time.currentTimeNanos();
            if (wait > 0) {
                rejected("authfail");
                return RateLimitDecision.refused(properties.failedAuthenticationCapacity(), wait);
            }
            blockedAddresses.invalidate(address);
        }
        return RateLimitDecision.unlimited();
    }

    /**
     * Records a failed authentication from {@code address}; refused when its bucket was already
     * empty.
     */
    public RateLimitDecision recordFailedAuthentication(String address) {
        RateLimitDecision decision =
                consume(
                        "authfail",
                        properties.keyPrefix() + "authfail:" + address,
                        failedAuthenticationLimit,
                        properties.failedAuthenticationCapacity());
        if (!decision.allowed()) {
            blockedAddresses.put(
                    address,
                    time.currentTimeNanos() + decision.retryAfterSeconds() * 1_000_000_000L);
        } else if (decision.remaining() == 0) {
            // the bucket is empty now: refuse the next attempt before its token is checked
            long wait =
                    properties.failedAuthenticationPeriod().toNanos()
                            / properties.failedAuthenticationCapacity();
            blockedAddresses.put(address, time.currentTimeNanos() + wait);
        }
        return decision;
    }

    private RateLimitDecision consume(
            String kind, String key, BucketConfiguration limit, long capacity) {
        if (!properties.enabled()) {
            return RateLimitDecision.unlimited();
        }
        ConsumptionProbe probe;
        try {
            probe = store.tryConsume(key, limit);
        } catch (RuntimeException e) {
            failedOpen(e);
            return RateLimitDecision.unlimited();
        }
        if (probe.isConsumed()) {
            return RateLimitDecision.allowed(capacity, probe.getRemainingTokens());
        }
        rejected(kind);
        return RateLimitDecision.refused(capacity, probe.getNanosToWaitForRefill());
    }

    private void rejected(String kind) {
        meters.counter("configservice.ratelimit.rejected", "limit", kind).increment();
    }

    private void failedOpen(RuntimeException e) {
        errors.increment();
        long now = time.currentTimeNanos();
        long last = lastWarningNanos.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarningNanos.compareAndSet(last, now)) {
            log.warn(
                    "Rate limiting is not applied: the bucket store ({}) failed: {}",
                    store.describe(),
                    e.toString());
        }
    }

    private static BucketConfiguration configuration(long capacity, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(
                        Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(capacity, period)
                                .build())
                .build();
    }
}
