/**
 * Connections of our own on the Lettuce client Spring Data Redis configures, for the two uses on
 * every request's path (the configuration cache and the rate-limit buckets), where going through
 * {@code RedisTemplate} costs a connection wrapper per command.
 */
@NullMarked
package io.configservice.redis;

import org.jspecify.annotations.NullMarked;
