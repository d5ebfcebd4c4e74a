package io.configservice.events;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns domain events into outbox rows inside the transaction that made the change, so the event
 * commits with it or not at all, and wakes the relay once the transaction has committed.
 */
@Component
class OutboxWriter {

    private final OutboxRepository outbox;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    OutboxWriter(OutboxRepository outbox, OutboxRelay relay, JsonMapper json, Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /** Stores every {@link PushEvent} a feature publishes inside its change's transaction. */
    @EventListener
    void on(PushEvent event) {
        Instant occurredAt = event.occurredAt();
        write(
                event.destination(),
                event.type(),
                event.subject(),
                event.data(),
                occurredAt == null ? clock.instant() : occurredAt);
    }

    /** Stores one message for a destination; used for every event type. */
    void write(
            String destination,
            String type,
            @Nullable String subject,
            Object data,
            Instant committedAt) {
        WebSocketMessage message =
                new WebSocketMessage(
                        UUID.randomUUID().toString(), type, committedAt.toEpochMilli(), data, true);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException(
                    "Events must be written inside the transaction of their change");
        }
        outbox.insert(
                destination, type, subject, json.writeValueAsString(message), clock.instant());
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        relay.wakeUp();
                    }
                });
    }
}
