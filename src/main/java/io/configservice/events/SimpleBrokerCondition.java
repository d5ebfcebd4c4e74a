package io.configservice.events;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when STOMP destinations go to the in-process simple broker, that is when {@link
 * BrokerRelayProperties} names no relay host. Binds the record, so its defaults apply here too.
 */
class SimpleBrokerCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !Binder.get(context.getEnvironment())
                .bindOrCreate("configservice.broker-relay", BrokerRelayProperties.class)
                .enabled();
    }
}
