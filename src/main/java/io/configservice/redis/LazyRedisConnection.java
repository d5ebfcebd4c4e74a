package io.configservice.redis;

import io.lettuce.core.api.StatefulConnection;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Something built on a Redis connection of our own (its commands, a Bucket4j proxy manager), opened
 * on first use, so a Redis that is down at start-up or later only makes {@link #get} throw. A
 * connection that is no longer open (closed with its client when the application context stops, or
 * lost with Redis) is replaced by a new one. One thread connects while the others wait for its
 * outcome (bounded by {@code spring.data.redis.connect-timeout}); after a failed attempt every
 * caller fails at once until {@code reconnectBackoff} has passed.
 *
 * @param <C> the connection
 * @param <T> what is built on it
 */
public final class LazyRedisConnection<C extends StatefulConnection<?, ?>, T> {

    private final Supplier<C> open;
    private final Function<C, T> build;
    private final Duration reconnectBackoff;
    private final String purpose;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile @Nullable Opened<C, T> opened;
    private volatile long nextAttemptNanos = System.nanoTime();

    /**
     * @param open opens a connection; throws when Redis cannot be reached
     * @param build what is used of the connection
     * @param purpose what the connection is for, in the message of the exception while none is open
     */
    public LazyRedisConnection(
            Supplier<C> open, Function<C, T> build, Duration reconnectBackoff, String purpose) {
        this.open = open;
        this.build = build;
        this.reconnectBackoff = reconnectBackoff;
        this.purpose = purpose;
    }

    /**
     * @throws IllegalStateException while the last attempt failed less than {@code
     *     reconnectBackoff} ago
     * @throws RuntimeException what the attempt to connect threw
     */
    public T get() {
        Opened<C, T> current = opened;
        if (current != null && current.connection().isOpen()) {
            return current.built();
        }
        connecting.lock();
        try {
            current = opened;
            if (current != null && current.connection().isOpen()) {
                return current.built();
            }
            if (System.nanoTime() - nextAttemptNanos < 0) {
                throw new IllegalStateException("Redis is not connected for " + purpose);
            }
            if (current != null) {
                opened = null;
                current.connection().close();
            }
            Opened<C, T> fresh = attempt();
            opened = fresh;
            return fresh.built();
        } finally {
            connecting.unlock();
        }
    }

    private Opened<C, T> attempt() {
        try {
            C connection = open.get();
            return new Opened<>(connection, build.apply(connection));
        } catch (RuntimeException e) {
            nextAttemptNanos = System.nanoTime() + reconnectBackoff.toNanos();
            throw e;
        }
    }

    private record Opened<C, T>(C connection, T built) {}
}
