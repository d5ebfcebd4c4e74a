package io.configservice.events;

import io.configservice.configuration.effective.EffectiveConfigurationChanged;
import io.configservice.configuration.effective.EnvironmentUpdated;
import io.configservice.credential.CredentialRotated;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns domain events into outbox rows inside the transaction that made the change, so the event commits with it or
 * not at all, and wakes the relay once the transaction has committed.
 */
@Component
class OutboxWriter {

    static final String CONFIGURATION_CHANGED = "configuration_changed";
    static final String ENVIRONMENT_UPDATED = "environment_updated";
    static final String CREDENTIAL_ROTATED = "credential_rotated";

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

    /**
     * One {@code configuration_changed} per environment whose effective content changed: the effective diff, the new
     * effective revision, the cause, and the environment's own document version where it has one.
     */
    @EventListener
    void on(EffectiveConfigurationChanged event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("serviceId", event.serviceId());
        data.put("environment", event.environment());
        data.put("revision", event.revision());
        if (event.version() != null) {
            data.put("version", event.version());
        }
        if (event.cause().changeType() != null) {
            data.put("changeType", event.cause().changeType());
        }
        data.put("changedBy", event.cause().changedBy());
        data.put("cause", event.cause());
        data.put("changes", event.changes());
        write(Destinations.config(event.serviceId(), event.environment()), CONFIGURATION_CHANGED, data,
                event.changedAt());
    }

    /** Tells operators which effective configurations an environment change altered (each also gets its own event). */
    @EventListener
    void on(EnvironmentUpdated event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("environment", event.environment());
        data.put("changedBy", event.changedBy());
        data.put("affected", event.affected());
        write(Destinations.ENVIRONMENTS, ENVIRONMENT_UPDATED, data, clock.instant());
    }

    /** Tells the credential's service that it rotated; the event never carries a value. */
    @EventListener
    void on(CredentialRotated event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("credentialKey", event.credentialKey());
        data.put("serviceId", event.serviceId());
        data.put("environment", event.environment());
        data.put("rotationId", event.rotationId());
        data.put("rotatedAt", event.rotatedAt().toString());
        data.put("version", event.version());
        write(Destinations.credentials(event.serviceId(), event.environment()), CREDENTIAL_ROTATED, data,
                event.rotatedAt());
    }

    /** Stores one message for a destination; used for every event type. */
    void write(String destination, String type, Object data, Instant committedAt) {
        WebSocketMessage message = new WebSocketMessage(UUID.randomUUID().toString(), type, committedAt.toEpochMilli(),
                data, true);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Events must be written inside the transaction of their change");
        }
        outbox.insert(destination, type, json.writeValueAsString(message), clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
