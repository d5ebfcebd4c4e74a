package io.configservice.ratelimit;

/**
 * The answer of {@link RateLimiter} for one request.
 *
 * @param allowed whether the request may proceed
 * @param limit the capacity of the bucket consulted, or {@code -1} when no limit was applied
 * @param remaining requests left in that bucket, or {@code -1} when no limit was applied
 * @param retryAfterSeconds when refused, whole seconds until a request would be allowed again; else
 *     0
 */
public record RateLimitDecision(
        boolean allowed, long limit, long remaining, long retryAfterSeconds) {

    private static final RateLimitDecision UNLIMITED = new RateLimitDecision(true, -1, -1, 0);

    /**
     * No limit applied: disabled, exempt, or the bucket store failed and the request is let
     * through.
     */
    public static RateLimitDecision unlimited() {
        return UNLIMITED;
    }

    static RateLimitDecision allowed(long limit, long remaining) {
        return new RateLimitDecision(true, limit, remaining, 0);
    }

    static RateLimitDecision refused(long limit, long nanosToWait) {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        return new RateLimitDecision(false, limit, 0, seconds);
    }

    /** Whether a limit was applied, so the {@code X-RateLimit-*} headers have values. */
    public boolean limited() {
        return limit >= 0;
    }
}
