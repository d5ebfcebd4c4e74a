package io.configservice.configuration;

import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Runs the writes to one service on this replica one at a time, in arrival order, before they take
 * a database connection. Every write of a service takes the service's lock in PostgreSQL as its
 * transaction's first statement, and it waited there holding a pooled connection: a burst of writes
 * to one service could take the whole pool, so that its last writers, and every other request of
 * the replica that needed PostgreSQL meanwhile, timed out as if the database were down. Queued here
 * they hold no connection; the PostgreSQL lock still orders the writes of different replicas.
 *
 * <p>A write that waits longer than {@code configservice.write-queue.timeout}, or that finds {@code
 * configservice.write-queue.max-waiting} writes to the service waiting already, is answered 503
 * {@code WRITE_CONTENTION} with {@code Retry-After} and changes nothing: writes arriving faster
 * than they can be made are refused instead of holding the server's request threads.
 */
@Component
public class ServiceWriteQueue {

    private final Map<String, Turns> byService = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final int maxWaiting;

    ServiceWriteQueue(WriteQueueProperties properties) {
        this.timeout = properties.timeout();
        this.maxWaiting = properties.maxWaiting();
    }

    /**
     * Runs {@code write} once the writes to {@code serviceId} that arrived before it on this
     * replica are done.
     *
     * @throws ApiException {@code WRITE_CONTENTION} when that takes longer than the timeout, or at
     *     once when as many writes to the service as allowed wait already
     */
    public <T> T inTurn(String serviceId, Supplier<T> write) {
        boolean[] full = {false};
        Turns turns =
                byService.compute(
                        serviceId,
                        (id, queued) -> {
                            full[0] = queued != null && queued.writes > maxWaiting;
                            return full[0] ? queued : Turns.join(queued);
                        });
        if (full[0]) {
            throw contention(
                    serviceId,
                    maxWaiting
                            + " writes to it wait already on this replica"
                            + " (configservice.write-queue.max-waiting)");
        }
        try {
            if (!turns.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw contention(
                        serviceId,
                        "this write waited more than "
                                + timeout.toMillis()
                                + " ms behind the earlier ones (configservice.write-queue.timeout)");
            }
            try {
                return write.get();
            } finally {
                turns.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw contention(serviceId, "this write was interrupted while it waited");
        } finally {
            byService.computeIfPresent(serviceId, (id, queued) -> queued.leave());
        }
    }

    private static ApiException contention(String serviceId, String why) {
        return new ApiException(
                ErrorCode.WRITE_CONTENTION,
                "Too many concurrent writes to service '"
                        + serviceId
                        + "': "
                        + why
                        + "; nothing was changed, retry after Retry-After");
    }

    /** The writes to one service that are running or waiting, counted so the entry can go. */
    private static final class Turns {

        private final ReentrantLock lock = new ReentrantLock(true);
        private int writes;

        static Turns join(@Nullable Turns queued) {
            Turns turns = queued == null ? new Turns() : queued;
            turns.writes++;
            return turns;
        }

        @Nullable Turns leave() {
            writes--;
            return writes == 0 ? null : this;
        }
    }
}
