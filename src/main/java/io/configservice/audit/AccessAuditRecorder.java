package io.configservice.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Service;

/**
 * Records configuration reads off the request path: a read only enqueues its row; one background
 * thread writes rows in batches. A full queue makes the reader write its own row rather than drop
 * it; a failed batch is retried; on a clean shutdown the queue is drained before the database
 * connections close (this lifecycle stops first).
 */
@Service
public class AccessAuditRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessAuditRecorder.class);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(30);

    private final ConfigurationAccessLog accessLog;
    private final BlockingQueue<ConfigurationAccess> queue;
    private static final long GATHER_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final int batchSize;
    private final Duration flushInterval;
    private final Duration linger;
    private final Counter writeFailures;
    private final RetryTemplate writes;
    private volatile boolean running;
    private final List<ConfigurationAccess> inFlight = new ArrayList<>();
    private final AtomicLong unwritten = new AtomicLong();
    private Thread writer = new Thread(() -> {});

    public AccessAuditRecorder(
            ConfigurationAccessLog accessLog,
            MeterRegistry meters,
            AccessAuditProperties properties) {
        this.accessLog = accessLog;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.batchSize = properties.batchSize();
        this.flushInterval = properties.flushInterval();
        this.linger = properties.linger();
        this.writeFailures = meters.counter("configservice.audit.access.write.failures");
        this.writes = untilWritten(flushInterval);
        Gauge.builder("configservice.audit.access.queued", queue, BlockingQueue::size)
                .register(meters);
    }

    public void record(ConfigurationAccess access) {
        if (queue.offer(access)) {
            unwritten.incrementAndGet();
        } else {
            accessLog.insertAll(List.of(access));
        }
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeLoop, "access-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushRemaining();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the web server (so reads still finishing are recorded) and before the data source
     * closes.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    /** Waits (up to the timeout) until every row recorded so far is written. */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unwritten.get() == 0) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private void writeLoop() {
        while (running) {
            try {
                ConfigurationAccess first =
                        queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                gather(first);
                writeWithRetry(inFlight);
                synchronized (inFlight) {
                    inFlight.clear();
                }
            } catch (InterruptedException | RetryException e) {
                return;
            }
        }
    }

    /**
     * Collects a batch: the first row, then what comes within {@code
     * configservice.access-audit.linger} until the batch is full. Under load that makes each
     * statement and commit carry hundreds of rows instead of the few that arrived while the
     * previous one was written. It looks at the queue every {@link #GATHER_PAUSE_NANOS} instead of
     * waiting on it: a thread waiting on the queue would be woken by every read's row, a context
     * switch per request.
     */
    private void gather(ConfigurationAccess first) throws InterruptedException {
        long until = System.nanoTime() + linger.toNanos();
        synchronized (inFlight) {
            inFlight.add(first);
            queue.drainTo(inFlight, batchSize - 1);
        }
        while (inFlight.size() < batchSize) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, GATHER_PAUSE_NANOS));
            synchronized (inFlight) {
                queue.drainTo(inFlight, batchSize - inFlight.size());
            }
        }
    }

    /**
     * Retries until the batch is written, with a growing pause (up to 30 s), so an outage of
     * PostgreSQL costs neither rows nor a flood of logs.
     *
     * @throws RetryException only when {@link #stop} interrupted the pause; the batch is then still
     *     in flight
     */
    private void writeWithRetry(List<ConfigurationAccess> batch) throws RetryException {
        writes.execute(() -> insert(batch));
        unwritten.addAndGet(-batch.size());
    }

    private int insert(List<ConfigurationAccess> batch) {
        try {
            accessLog.insertAll(batch);
            return batch.size();
        } catch (RuntimeException e) {
            writeFailures.increment();
            log.warn(
                    "Could not write {} access audit rows, retrying: {}",
                    batch.size(),
                    e.getMessage());
            throw e;
        }
    }

    /**
     * Retries without end (the writer's stop interrupts it), from the flush interval (at least 100
     * ms) up to 30 s.
     */
    private static RetryTemplate untilWritten(Duration flushInterval) {
        Duration firstPause = Duration.ofMillis(Math.max(100, flushInterval.toMillis()));
        return new RetryTemplate(
                RetryPolicy.builder()
                        .maxRetries(Long.MAX_VALUE)
                        .delay(firstPause)
                        .multiplier(2)
                        .maxDelay(
                                firstPause.compareTo(MAX_RETRY_PAUSE) > 0
                                        ? firstPause
                                        : MAX_RETRY_PAUSE)
                        .build());
    }

    private void flushRemaining() {
        List<ConfigurationAccess> batch = new ArrayList<>(batchSize);
        synchronized (inFlight) {
            batch.addAll(inFlight);
            inFlight.clear();
        }
        while (!batch.isEmpty() || queue.drainTo(batch, batchSize) > 0) {
            try {
                accessLog.insertAll(batch);
                unwritten.addAndGet(-batch.size());
            } catch (RuntimeException e) {
                writeFailures.increment();
                log.error("Could not write {} access audit rows at shutdown", batch.size(), e);
            }
            batch.clear();
        }
    }
}
