package io.configservice.configserver;

import io.configservice.events.BrokerRelayProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The bus's beans exist when {@link BusConnection} finds a RabbitMQ to send to. */
class BusActiveCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        return BusConnection.of(
                        binder.bindOrCreate("configservice.bus", BusProperties.class),
                        binder.bindOrCreate(
                                "configservice.broker-relay", BrokerRelayProperties.class))
                .isPresent();
    }
}
