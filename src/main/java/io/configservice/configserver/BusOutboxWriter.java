package io.configservice.configserver;

import io.configservice.configuration.effective.EffectiveConfigurationChanged;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one {@link RefreshRemoteApplicationEvent} per service whose effective configuration
 * changed, into the outbox in the transaction of the change (a change that alters several
 * environments of a service refreshes it once), and wakes the relay after commit.
 */
@Component
@Conditional(BusActiveCondition.class)
class BusOutboxWriter {

    private final BusOutbox outbox;
    private final BusRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    BusOutboxWriter(BusOutbox outbox, BusRelay relay, JsonMapper json, Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(EffectiveConfigurationChanged change) {
        if (refreshedInThisTransaction().add(change.serviceId())) {
            String id = UUID.randomUUID().toString();
            RefreshRemoteApplicationEvent event =
                    RefreshRemoteApplicationEvent.of(
                            change.serviceId(), id, change.changedAt().toEpochMilli());
            outbox.insert(id, change.serviceId(), json.writeValueAsString(event), clock.instant());
        }
    }

    @SuppressWarnings("unchecked")
    private Set<String> refreshedInThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException(
                    "Bus events must be written inside the transaction of their change");
        }
        Set<String> refreshed = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (refreshed != null) {
            return refreshed;
        }
        Set<String> created = new HashSet<>();
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        relay.wakeUp();
                    }

                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResource(BusOutboxWriter.this);
                    }
                });
        return created;
    }
}
