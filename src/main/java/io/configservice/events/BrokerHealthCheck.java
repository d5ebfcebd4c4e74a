package io.configservice.events;

import io.configservice.health.ComponentHealth;
import io.configservice.health.DependencyCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.stereotype.Component;

/** Reports whether the STOMP broker can take messages. */
@Component
class BrokerHealthCheck implements DependencyCheck {

    private final ObjectProvider<AbstractBrokerMessageHandler> brokers;

    /** Spring defines both a simple broker and a relay bean; the one not in use is null and skipped here. */
    BrokerHealthCheck(ObjectProvider<AbstractBrokerMessageHandler> brokers) {
        this.brokers = brokers;
    }

    @Override
    public ComponentHealth check() {
        boolean available = brokers.stream().anyMatch(AbstractBrokerMessageHandler::isBrokerAvailable);
        return available
                ? ComponentHealth.healthy("websocketBroker", "simple", 0)
                : ComponentHealth.unhealthy("websocketBroker", "simple", 0, "STOMP broker is not available");
    }
}
