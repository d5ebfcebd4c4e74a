package io.configservice.events;

import io.configservice.health.ComponentHealth;
import io.configservice.health.DependencyCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.stereotype.Component;

/** Reports whether the STOMP broker can take messages. */
@Component
class BrokerHealthCheck implements DependencyCheck {

    private final ObjectProvider<AbstractBrokerMessageHandler> brokers;

    /**
     * Spring defines both a simple broker and a relay bean; the one not in use is null and skipped
     * here.
     */
    BrokerHealthCheck(ObjectProvider<AbstractBrokerMessageHandler> brokers) {
        this.brokers = brokers;
    }

    @Override
    public ComponentHealth check() {
        AbstractBrokerMessageHandler broker = brokers.stream().findFirst().orElse(null);
        String mode =
                broker instanceof StompBrokerRelayMessageHandler ? "rabbitmq-relay" : "simple";
        return broker != null && broker.isBrokerAvailable()
                ? ComponentHealth.healthy("websocketBroker", mode, 0)
                : ComponentHealth.degraded(
                        "websocketBroker",
                        mode,
                        0,
                        "STOMP broker unavailable; events wait in the outbox until it is back");
    }
}
