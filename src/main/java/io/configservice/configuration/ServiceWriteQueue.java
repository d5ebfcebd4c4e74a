package io.configservice.configuration;

import io.configservice.web.ApiException;
import io.configservice.web.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Bounds the database connections the writes to one service hold on this replica. Every write of a
 * service takes the service's lock in PostgreSQL as its transaction's first statement and waits
 * there holding a pooled connection: a burst of writes to one service could take the whole pool, so
 * that its last writers, and every other request of the replica that needed PostgreSQL meanwhile,
 * timed out as if the database were down. Here at most {@code
 * configservice.write-queue.concurrency} writes of a service go on to the database at a time (they
 * wait for each other on the PostgreSQL lock, as the writes of different replicas do, so that the
 * next one starts the moment the one before commits); the others wait their turn in arrival order
 * without a connection.
 *
 * <p>A write that waits longer than {@code configservice.write-queue.timeout} for its turn, or that
 * finds {@code configservice.write-queue.max-waiting} writes to the service waiting already, is
 * answered 503 {@code WRITE_CONTENTION} with {@code Retry-After} and changes nothing: writes
 * arriving faster than they can be made are refused instead of holding the server's request
 * threads.
 */
@Component
public class ServiceWriteQueue {

    private final Map<String, Turns> byService = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final int concurrency;
    private final int maxWaiting;

    ServiceWriteQueue(WriteQueueProperties properties) {
        this.timeout = properties.timeout();
        this.concurrency = properties.concurrency();
        this.maxWaiting = properties.maxWaiting();
    }

    /**
     * Runs {@code write} once fewer than {@code concurrency} writes to {@code serviceId} that
     * arrived before it on this replica are still going on.
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
                            full[0] = queued != null && queued.writes >= concurrency + maxWaiting;
                            return full[0] ? queued : Turns.join(queued, concurrency);
                        });
        if (full[0]) {
            throw contention(
                    serviceId,
                    maxWaiting
                            + " writes to it wait already on this replica"
                            + " (configservice.write-queue.max-waiting)");
        }
        try {
            if (!turns.permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw contention(
                        serviceId,
                        "this write waited more than "
                                + timeout.toMillis()
                                + " ms behind the earlier ones (configservice.write-queue.timeout)");
            }
            try {
                return write.get();
            } finally {
                turns.permits.release();
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

    /** The writes to one service that are going on or waiting, counted so the entry can go. */
    private static final class Turns {

        private final Semaphore permits;
        private int writes;

        private Turns(int concurrency) {
            this.permits = new Semaphore(concurrency, true);
        }

        static Turns join(@Nullable Turns queued, int concurrency) {
            Turns turns = queued == null ? new Turns(concurrency) : queued;
            turns.writes++;
            return turns;
        }

        @Nullable Turns leave() {
            writes--;
            return writes == 0 ? null : this;
        }
    }
}
