/**
 * Redis clients of our own for the two uses on every request's path, where going through {@code
 * RedisTemplate} costs a connection wrapper per command: a Jedis pool for the configuration cache,
 * whose blocking commands run on the request thread, and a connection on the Lettuce client Spring
 * Data Redis configures for the rate-limit buckets (Bucket4j over Lettuce). Both reach the server
 * Spring Boot resolved for its own Redis connection and are opened on first use.
 */
@NullMarked
package io.configservice.redis;

import org.jspecify.annotations.NullMarked;
