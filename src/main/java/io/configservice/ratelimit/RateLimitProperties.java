package io.configservice.ratelimit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Request rate limits. Each limit is a token bucket holding {@code capacity} requests that refills
 * {@code capacity} requests evenly over {@code period}, so the defaults allow bursts of one
 * period's worth.
 *
 * @param enabled whether any limit applies
 * @param tokenCapacity requests per {@code tokenPeriod} for one service token (authenticated
 *     callers)
 * @param tokenPeriod refill period of the per-token bucket
 * @param ipCapacity requests per {@code ipPeriod} from one client address without a token
 * @param ipPeriod refill period of the per-address bucket
 * @param failedAuthenticationCapacity failed authentications (present but invalid token) per {@code
 *     failedAuthenticationPeriod} from one client address; once spent, token-bearing requests from
 *     that address are answered 429 before the token is checked
 * @param failedAuthenticationPeriod refill period of the failed-authentication bucket
 * @param keyPrefix prefix of the Redis keys ({@code <prefix>token:<id>}, {@code
 *     <prefix>ip:<address>}, {@code <prefix>authfail:<address>})
 * @param maxLocalBuckets how many buckets the in-process store (no Redis) keeps at most, and how
 *     many Redis leases
 * @param leasePercent with Redis, the share of a bucket's capacity a replica takes at once and
 *     spends locally (at least one token; 0 asks Redis on every request)
 */
@Validated
@ConfigurationProperties("configservice.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1000") @Min(1) long tokenCapacity,
        @DefaultValue("1s") Duration tokenPeriod,
        @DefaultValue("200") @Min(1) long ipCapacity,
        @DefaultValue("1s") Duration ipPeriod,
        @DefaultValue("20") @Min(1) long failedAuthenticationCapacity,
        @DefaultValue("1m") Duration failedAuthenticationPeriod,
        @DefaultValue("ratelimit:") String keyPrefix,
        @DefaultValue("100000") @Min(1) long maxLocalBuckets,
        @DefaultValue("5") @Min(0) @Max(50) int leasePercent) {}
