package io.configservice.configserver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The AMQP connection of the Spring Cloud Bus events, when the bus is on; says at start which it is. */
@Configuration(proxyBeanMethods = false)
class BusConfig {

    private static final Logger log = LoggerFactory.getLogger(BusConfig.class);

    BusConfig(BusProperties properties) {
        if (properties.active()) {
            log.info("Spring Cloud Bus: refresh events to RabbitMQ at {}:{}", properties.host(), properties.port());
        } else {
            log.info("Spring Cloud Bus: off (no configservice.bus.host or BROKER_RELAY_HOST set)");
        }
    }

    /** Publisher confirms, so an event leaves the outbox only once the broker has it. */
    @Bean
    @ConditionalOnExpression(BusProperties.ACTIVE)
    CachingConnectionFactory busConnectionFactory(BusProperties properties) {
        CachingConnectionFactory connections = new CachingConnectionFactory(properties.host(), properties.port());
        connections.setUsername(properties.username());
        connections.setPassword(properties.password());
        connections.setVirtualHost(properties.virtualHost());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        connections.setConnectionNameStrategy(factory -> "config-service bus");
        return connections;
    }
}
