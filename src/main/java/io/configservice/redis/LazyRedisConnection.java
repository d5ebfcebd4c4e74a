package io.configservice.redis;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Something built on a Redis client of our own (a Lettuce connection's commands, a Bucket4j proxy
 * manager, a Jedis pool), opened on first use, so a Redis that is down at start-up or later only
 * makes {@link #get} throw. A connection that is no longer open (closed with its client when the
 * application context stops, or lost with Redis) is replaced by a new one. One thread connects
 * while the others wait for its outcome (bounded by {@code spring.data.redis.connect-timeout});
 * after a failed attempt every caller fails at once until {@code reconnectBackoff} has passed.
 *
 * <p>A client that reconnects by itself (a pool opens connections as they are borrowed) stays open,
 * and a Redis it cannot reach only shows as a command that waited for a timeout. Commands run
 * through {@link #call} treat that like a failed attempt to connect, so request threads do not each
 * wait for a timeout while Redis stays unreachable.
 *
 * @param <C> the connection or client
 * @param <T> what is built on it
 */
public final class LazyRedisConnection<C extends AutoCloseable, T> implements AutoCloseable {

    private final Supplier<C> open;
    private final Predicate<? super C> isOpen;
    private final Function<C, T> build;
    private final Duration reconnectBackoff;
    private final String purpose;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile @Nullable Opened<C, T> opened;
    private volatile long nextAttemptNanos = System.nanoTime();
    private volatile boolean stalled;

    /**
     * @param open opens a connection; throws when Redis cannot be reached
     * @param isOpen whether a connection opened before can still be used
     * @param build what is used of the connection
     * @param purpose what the connection is for, in the message of the exception while none is open
     */
    public LazyRedisConnection(
            Supplier<C> open,
            Predicate<? super C> isOpen,
            Function<C, T> build,
            Duration reconnectBackoff,
            String purpose) {
        this.open = open;
        this.isOpen = isOpen;
        this.build = build;
        this.reconnectBackoff = reconnectBackoff;
        this.purpose = purpose;
    }

    /**
     * @throws IllegalStateException while the last attempt failed, or a command {@link #call} ran
     *     stalled, less than {@code reconnectBackoff} ago
     * @throws RuntimeException what the attempt to connect threw
     */
    public T get() {
        Opened<C, T> current = opened;
        if (current != null && !stalled && isOpen.test(current.connection())) {
            return current.built();
        }
        connecting.lock();
        try {
            current = opened;
            if (current != null && isOpen.test(current.connection())) {
                if (stalled) {
                    backOffOrTry();
                }
                return current.built();
            }
            backOffOrTry();
            if (current != null) {
                opened = null;
                close(current.connection());
            }
            Opened<C, T> fresh = attempt();
            opened = fresh;
            return fresh.built();
        } finally {
            connecting.unlock();
        }
    }

    /**
     * Runs a command on what is built. When it fails in a way {@code stalls} accepts (Redis did not
     * answer within a timeout), every caller fails at once until {@code reconnectBackoff} has
     * passed; then one caller tries while the others still fail for another back-off, and any other
     * outcome of its command lets every caller through again. Failures that come at once (a refused
     * connection, one Redis closed) do not back off: they hold no thread, and a client that had
     * connections to a Redis that restarted meets each of them failing once before it reconnects.
     */
    public <R> R call(Function<? super T, R> command, Predicate<? super RuntimeException> stalls) {
        T built = get();
        try {
            R result = command.apply(built);
            answered();
            return result;
        } catch (RuntimeException e) {
            if (stalls.test(e)) {
                nextAttemptNanos = System.nanoTime() + reconnectBackoff.toNanos();
                stalled = true;
            } else {
                answered();
            }
            throw e;
        }
    }

    /** Closes the connection opened last, if any; a later {@link #get} opens a new one. */
    @Override
    public void close() {
        connecting.lock();
        try {
            Opened<C, T> current = opened;
            opened = null;
            if (current != null) {
                close(current.connection());
            }
        } finally {
            connecting.unlock();
        }
    }

    /** Written only when it changes: every cached read passes here, on every request thread. */
    private void answered() {
        if (stalled) {
            stalled = false;
        }
    }

    /** Fails while backing off; otherwise the caller tries and the others back off meanwhile. */
    private void backOffOrTry() {
        long now = System.nanoTime();
        if (now - nextAttemptNanos < 0) {
            throw new IllegalStateException("Redis is not connected for " + purpose);
        }
        nextAttemptNanos = now + reconnectBackoff.toNanos();
    }

    private Opened<C, T> attempt() {
        try {
            C connection = open.get();
            Opened<C, T> fresh = new Opened<>(connection, build.apply(connection));
            nextAttemptNanos = System.nanoTime();
            stalled = false;
            return fresh;
        } catch (RuntimeException e) {
            nextAttemptNanos = System.nanoTime() + reconnectBackoff.toNanos();
            throw e;
        }
    }

    private static void close(AutoCloseable connection) {
        try {
            connection.close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing a Redis connection failed", e);
        }
    }

    private record Opened<C, T>(C connection, T built) {}
}
