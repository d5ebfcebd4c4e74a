package io.configservice.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Reads and writes on one configuration in production until stopped. Writers replace the document
 * (each write names itself in its change reason) and keep every acknowledged write; readers
 * alternate between the service's own document and its effective configuration and count a read as
 * stale when it returns a version older than the newest one acknowledged before the read began (the
 * service promises read-your-writes after an acknowledged change).
 */
final class MixedLoad implements AutoCloseable {

    private static final int KEPT_SAMPLES = 5;

    private final ServiceCalls calls;
    private final String serviceId;
    private final String reasonPrefix;
    private final StatusCounts writes = new StatusCounts();
    private final StatusCounts reads = new StatusCounts();
    private final ConcurrentLinkedQueue<AcknowledgedWrite> acknowledged =
            new ConcurrentLinkedQueue<>();
    private final AtomicInteger newestAcknowledged = new AtomicInteger();
    private final AtomicLong lastAcknowledgedAt = new AtomicLong(System.nanoTime());
    private final AtomicLong staleReads = new AtomicLong();
    private final List<String> staleSamples = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private MixedLoad(ServiceCalls calls, String serviceId, String reasonPrefix) {
        this.calls = calls;
        this.serviceId = serviceId;
        this.reasonPrefix = reasonPrefix;
    }

    /** Creates the configuration (version 1) and starts the writers and readers. */
    static MixedLoad start(
            ServiceCalls calls, String serviceId, int writers, int readers, String reasonPrefix) {
        MixedLoad load = new MixedLoad(calls, serviceId, reasonPrefix);
        Map<String, Object> first = Map.of("writer", -1, "sequence", 0);
        int version =
                calls.send(
                                "POST",
                                "/api/v1/configurations/" + serviceId,
                                Map.of(),
                                Map.of(
                                        "configuration",
                                        first,
                                        "changeReason",
                                        reasonPrefix + " initial"))
                        .requireData("creating " + serviceId)
                        .get("version")
                        .asInt();
        load.acknowledged.add(new AcknowledgedWrite(version, reasonPrefix + " initial", first));
        load.newestAcknowledged.set(version);
        for (int writer = 0; writer < writers; writer++) {
            int id = writer;
            load.launch("writer-" + writer, () -> load.writeLoop(id));
        }
        for (int reader = 0; reader < readers; reader++) {
            load.launch("reader-" + reader, load::readLoop);
        }
        return load;
    }

    /**
     * Waits until a write started after {@code sinceNanos} (a {@link System#nanoTime()}) is
     * acknowledged; returns how long after {@code sinceNanos} that was seen, or null when none was
     * within {@code timeout}.
     */
    Duration awaitAcknowledgedWriteAfter(long sinceNanos, Duration timeout)
            throws InterruptedException {
        long deadline = sinceNanos + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (lastAcknowledgedAt.get() - sinceNanos > 0) {
                return Duration.ofNanos(System.nanoTime() - sinceNanos);
            }
            Thread.sleep(20);
        }
        return null;
    }

    /** Stops the load and waits for the calls in flight. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
    }

    StatusCounts writes() {
        return writes;
    }

    StatusCounts reads() {
        return reads;
    }

    List<AcknowledgedWrite> acknowledged() {
        return List.copyOf(acknowledged);
    }

    long staleReads() {
        return staleReads.get();
    }

    List<String> staleSamples() {
        return List.copyOf(staleSamples);
    }

    private void launch(String name, Runnable loop) {
        Thread thread = new Thread(loop, "mixed-load-" + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void writeLoop(int writer) {
        for (int sequence = 1; running; sequence++) {
            Map<String, Object> document = Map.of("writer", writer, "sequence", sequence);
            String reason = reasonPrefix + " w" + writer + " s" + sequence;
            long started = System.nanoTime();
            ServiceCalls.Answer answer =
                    calls.send(
                            "PUT",
                            "/api/v1/configurations/" + serviceId,
                            Map.of(),
                            Map.of("configuration", document, "changeReason", reason));
            writes.record("PUT " + reason, answer);
            if (answer.successful()) {
                int version = answer.data().get("version").asInt();
                acknowledged.add(new AcknowledgedWrite(version, reason, document));
                newestAcknowledged.accumulateAndGet(version, Math::max);
                lastAcknowledgedAt.accumulateAndGet(
                        started,
                        (current, candidate) -> candidate - current > 0 ? candidate : current);
            }
            pause(answer.successful() ? 10 : 100);
        }
    }

    private void readLoop() {
        for (long round = 0; running; round++) {
            boolean effective = round % 2 == 1;
            int floor = newestAcknowledged.get();
            String path =
                    "/api/v1/configurations/"
                            + serviceId
                            + (effective ? "/environments/production" : "");
            ServiceCalls.Answer answer = calls.get(path);
            reads.record("GET " + path, answer);
            if (answer.successful()) {
                int version =
                        effective
                                ? ownLayerVersion(answer.body())
                                : answer.body().get("meta").get("version").asInt();
                if (version < floor && staleReads.incrementAndGet() <= KEPT_SAMPLES) {
                    staleSamples.add(
                            "GET "
                                    + path
                                    + " returned version "
                                    + version
                                    + " after version "
                                    + floor
                                    + " was acknowledged (cached="
                                    + answer.body().path("cached")
                                    + ")");
                }
            } else {
                pause(100);
            }
        }
    }

    private static int ownLayerVersion(JsonNode body) {
        for (JsonNode layer : body.get("meta").get("layers")) {
            if ("configuration".equals(layer.path("kind").asString())
                    && "production".equals(layer.path("environment").asString())) {
                return layer.get("version").asInt();
            }
        }
        throw new IllegalStateException("no own layer in the effective read: " + body.get("meta"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
