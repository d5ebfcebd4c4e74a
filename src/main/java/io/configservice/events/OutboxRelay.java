package io.configservice.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes outbox rows to the STOMP broker, oldest first, and marks them sent in the same
 * transaction that claimed them ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work without
 * sending a row twice in normal operation). It runs as soon as a transaction with events commits
 * and at least every poll interval, so events written while the broker or the relay was down go out
 * once they are back. Delivery is at least once. Every frame is signed ({@link FrameSignatures}):
 * only signed frames reach clients and are tracked for acknowledgment. The frame of an event with a
 * {@link PushEvent#subject() subject} also carries its type, subject and outbox row id as sequence
 * (rows go out in id order), under the second signature, so a newer event on the subject can
 * supersede an older one that a session has not acknowledged. When the relay is behind, of the
 * events on one subject in a batch it publishes only the newest ({@link SupersededRows}, {@code
 * configservice.push.relay-coalesce-after}); the others are marked sent unpublished and counted in
 * {@code configservice.push.relay.coalesced}.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    static final String EVENT_ID_HEADER = "event-id";
    static final String ACK_REQUIRED_HEADER = "ack-required";
    static final String EVENT_TYPE_HEADER = "event-type";
    static final String EVENT_SUBJECT_HEADER = "event-subject";
    static final String EVENT_SEQUENCE_HEADER = "event-sequence";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final OutboxRepository outbox;
    private final SimpMessagingTemplate messaging;
    private final FrameSignatures signatures;
    private final ObjectProvider<AbstractBrokerMessageHandler> brokers;
    private volatile @Nullable List<AbstractBrokerMessageHandler> brokerHandlers;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration keepPublished;
    private final Duration coalesceAfter;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Counter coalesced;
    private final Timer lag;
    private final AtomicLong backlog = new AtomicLong();
    private volatile boolean running;
    private boolean failing;
    private Thread worker = new Thread(() -> {});

    OutboxRelay(
            OutboxRepository outbox,
            SimpMessagingTemplate messaging,
            FrameSignatures signatures,
            ObjectProvider<AbstractBrokerMessageHandler> brokers,
            TransactionTemplate transactions,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters,
            PushProperties properties) {
        this.outbox = outbox;
        this.messaging = messaging;
        this.signatures = signatures;
        this.brokers = brokers;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.pollInterval = properties.pollInterval();
        this.keepPublished = properties.keepPublished();
        this.coalesceAfter = properties.relayCoalesceAfter();
        this.published = meters.counter("configservice.push.messages.published");
        this.coalesced =
                Counter.builder("configservice.push.relay.coalesced")
                        .description(
                                "Events not published because the relay, behind, published a"
                                        + " newer event on the same subject in the same batch")
                        .register(meters);
        this.lag =
                Timer.builder("configservice.push.publish.lag")
                        .description("Commit to broker")
                        .publishPercentiles(0.5, 0.99)
                        .register(meters);
        Gauge.builder("configservice.push.outbox.backlog", backlog, AtomicLong::get)
                .register(meters);
    }

    void wakeUp() {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Lets the batch being published finish (no interrupt in the middle of its transaction), then
     * ends.
     */
    @Override
    public void stop() {
        running = false;
        wakeUp();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the web server (Boot stops it in phase {@code Integer.MAX_VALUE - 2048}), so the
     * events of the last requests it served still go out from this replica.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 3072;
    }

    private void loop() {
        while (running) {
            try {
                wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                int sent = BATCH;
                while (running && sent == BATCH) {
                    sent = publishBatch();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn(
                            "Outbox relay failing, events wait in the outbox and are retried: {}",
                            e.getMessage());
                    failing = true;
                }
                continue;
            }
            if (failing) {
                log.info("Outbox relay publishing again");
                failing = false;
            }
        }
    }

    /**
     * The broker handlers of the context, looked up on first use and kept: {@link
     * ObjectProvider#stream()} goes through every bean of the type on each call, and for the
     * handler the configuration leaves out (the simple broker beside the relay, or the other way
     * round) builds and catches an exception inside Spring each time (seen in an allocation
     * profile, once per poll).
     */
    private List<AbstractBrokerMessageHandler> brokerHandlers() {
        List<AbstractBrokerMessageHandler> handlers = brokerHandlers;
        if (handlers == null) {
            handlers = brokers.stream().toList();
            brokerHandlers = handlers;
        }
        return handlers;
    }

    /** Publishes one batch; returns how many rows were sent. */
    int publishBatch() {
        if (brokerHandlers().stream().noneMatch(AbstractBrokerMessageHandler::isBrokerAvailable)) {
            backlog.set(outbox.countUnpublished());
            return 0;
        }
        Integer sent =
                transactions.execute(
                        status -> {
                            List<OutboxRepository.OutboxRow> rows = outbox.claimUnpublished(BATCH);
                            Set<Long> superseded =
                                    SupersededRows.of(rows, clock.instant().minus(coalesceAfter));
                            List<Long> done = new ArrayList<>(rows.size());
                            for (OutboxRepository.OutboxRow row : rows) {
                                if (superseded.contains(row.id())) {
                                    coalesced.increment();
                                } else {
                                    send(row);
                                }
                                done.add(row.id());
                            }
                            if (!done.isEmpty()) {
                                outbox.markPublished(done, clock.instant());
                            }
                            return done.size();
                        });
        backlog.set(outbox.countUnpublished());
        return sent == null ? 0 : sent;
    }

    private void send(OutboxRepository.OutboxRow row) {
        byte[] payload = row.payload().getBytes(StandardCharsets.UTF_8);
        String eventId = json.readTree(row.payload()).path("id").asString();
        SimpMessageHeaderAccessor headers =
                SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setDestination(row.destination());
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setNativeHeader(EVENT_ID_HEADER, eventId);
        headers.setNativeHeader(ACK_REQUIRED_HEADER, "true");
        headers.setNativeHeader(
                FrameSignatures.HEADER, signatures.sign(row.destination(), eventId, payload));
        if (row.subject() != null) {
            SubjectOfFrame subject =
                    new SubjectOfFrame(
                            new EventSubject(row.destination(), row.eventType(), row.subject()),
                            row.id());
            headers.setNativeHeader(EVENT_TYPE_HEADER, row.eventType());
            headers.setNativeHeader(EVENT_SUBJECT_HEADER, row.subject());
            headers.setNativeHeader(EVENT_SEQUENCE_HEADER, Long.toString(row.id()));
            headers.setNativeHeader(
                    FrameSignatures.SUBJECT_HEADER, signatures.sign(eventId, subject, payload));
        }
        headers.setLeaveMutable(true);
        Message<byte[]> message =
                MessageBuilder.createMessage(payload, headers.getMessageHeaders());
        messaging.send(row.destination(), message);
        published.increment();
        lag.record(Duration.between(row.createdAt(), Instant.now(clock)));
    }

    /** Removes sent rows once they are older than {@code configservice.push.keep-published}. */
    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.push-io.configservice.events.PushProperties'"
                            + ".cleanupInterval().toMillis()}")
    void deleteOldPublished() {
        int deleted = outbox.deletePublishedBefore(clock.instant().minus(keepPublished));
        if (deleted > 0) {
            log.debug("Deleted {} published outbox rows", deleted);
        }
    }
}
