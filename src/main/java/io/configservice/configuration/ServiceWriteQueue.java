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
 * <p>A write that waits longer than {@code configservice.write-queue.timeout} is answered 503
 * {@code WRITE_CONTENTION} with {@code Retry-After}, and changes nothing.
 */
@Component
public class ServiceWriteQueue {

    private final Map<String, Turns> byService = new ConcurrentHashMap<>();
    private final Duration timeout;

    ServiceWriteQueue(WriteQueueProperties properties) {
        this.timeout = properties.timeout();
    }

    /**
     * Runs {@code write} once the writes to {@code serviceId} that arrived before it on this
     * replica are done.
     *
     * @throws ApiException {@code WRITE_CONTENTION} when that takes longer than the timeout
     */
    public <T> T inTurn(String serviceId, Supplier<T> write) {
        Turns turns = byService.compute(serviceId, (id, queued) -> Turns.join(queued));
        try {
            if (!turns.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw contention(serviceId);
            }
            try {
                return write.get();
            } finally {
                turns.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw contention(serviceId);
        } finally {
            byService.computeIfPresent(serviceId, (id, queued) -> queued.leave());
        }
    }

    private ApiException contention(String serviceId) {
        return new ApiException(
                ErrorCode.WRITE_CONTENTION,
                "Writes to service '"
                        + serviceId
                        + "' waited more than "
                        + timeout.toMillis()
                        + " ms behind the earlier ones (configservice.write-queue.timeout);"
                        + " nothing was changed, retry after Retry-After");
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
