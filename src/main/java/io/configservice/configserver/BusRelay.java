package io.configservice.configserver;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends waiting refresh events to the {@code springCloudBus} exchange, where every Spring Cloud Bus
 * (AMQP binder) application's queue is bound, and removes them once the broker confirmed them, in
 * the transaction that claimed them ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work).
 * Runs right after a commit with events and every poll interval, so events written while RabbitMQ
 * was unreachable go out once it is back: at least once, never lost.
 */
@Component
@Conditional(BusActiveCondition.class)
class BusRelay implements SmartLifecycle {

    /**
     * The Spring Cloud Bus destination: a durable topic exchange, as the Stream RabbitMQ binder
     * declares it.
     */
    static final String EXCHANGE = "springCloudBus";

    private static final Logger log = LoggerFactory.getLogger(BusRelay.class);
    private static final int BATCH = 100;

    private final BusOutbox outbox;
    private final RabbitTemplate rabbit;
    private final RabbitAdmin admin;
    private final TransactionTemplate transactions;
    private final BusProperties properties;
    private volatile @Nullable ScheduledExecutorService worker;
    private volatile boolean running;
    private boolean failing;

    BusRelay(
            BusOutbox outbox,
            CachingConnectionFactory busConnectionFactory,
            TransactionTemplate transactions,
            BusProperties properties) {
        this.outbox = outbox;
        this.rabbit = new RabbitTemplate(busConnectionFactory);
        this.admin = new RabbitAdmin(busConnectionFactory);
        this.transactions = transactions;
        this.properties = properties;
    }

    void wakeUp() {
        ScheduledExecutorService current = worker;
        if (current == null) {
            return;
        }
        try {
            current.execute(this::publishPending);
        } catch (RejectedExecutionException e) {
            // stopping: the next start (or another replica) sends what waits
        }
    }

    /**
     * A new worker on every start: the context may be stopped and started again (the test context
     * cache does).
     */
    @Override
    public void start() {
        ScheduledExecutorService started =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "bus-relay");
                            thread.setDaemon(true);
                            return thread;
                        });
        running = true;
        worker = started;
        started.scheduleWithFixedDelay(
                this::publishPending,
                0,
                properties.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService stopping = worker;
        worker = null;
        if (stopping == null) {
            return;
        }
        // shutdown, not shutdownNow: the batch being published finishes instead of being
        // interrupted mid-transaction
        stopping.shutdown();
        try {
            stopping.awaitTermination(5, TimeUnit.SECONDS);
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
     * refresh events of the last requests it served still go out from this replica.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 3072;
    }

    private void publishPending() {
        try {
            int sent = BATCH;
            while (sent == BATCH && running) {
                sent = publishBatch();
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn(
                        "Spring Cloud Bus relay failing, refresh events wait in the outbox and are retried: {}",
                        e.getMessage());
                failing = true;
            }
            return;
        }
        if (failing) {
            log.info("Spring Cloud Bus relay publishing again");
            failing = false;
        }
    }

    private int publishBatch() {
        Integer sent =
                transactions.execute(
                        status -> {
                            List<BusOutbox.Event> events = outbox.claim(BATCH);
                            if (events.isEmpty()) {
                                return 0;
                            }
                            admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
                            rabbit.invoke(
                                    operations -> {
                                        events.forEach(
                                                event ->
                                                        operations.send(
                                                                EXCHANGE,
                                                                EXCHANGE,
                                                                message(event)));
                                        operations.waitForConfirmsOrDie(
                                                properties.confirmTimeout().toMillis());
                                        return null;
                                    });
                            outbox.delete(events);
                            return events.size();
                        });
        return sent == null ? 0 : sent;
    }

    /**
     * What the Stream binder's consumers expect: a JSON body, declared as such in the properties
     * and the header.
     */
    private static Message message(BusOutbox.Event event) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("contentType", MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(event.eventId());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(event.payload().getBytes(StandardCharsets.UTF_8), properties);
    }
}
