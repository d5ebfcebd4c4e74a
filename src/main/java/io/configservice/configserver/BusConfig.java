package io.configservice.configserver;

import io.configservice.events.BrokerRelayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The AMQP connection of the Spring Cloud Bus events, when the bus is on; says at start which it
 * is.
 */
@Configuration(proxyBeanMethods = false)
class BusConfig {

    private static final Logger log = LoggerFactory.getLogger(BusConfig.class);

    BusConfig(BusProperties properties, BrokerRelayProperties relay) {
        BusConnection.of(properties, relay)
                .ifPresentOrElse(
                        connection ->
                                log.info(
                                        "Spring Cloud Bus: refresh events to RabbitMQ at {}:{}",
                                        connection.host(),
                                        connection.port()),
                        () ->
                                log.info(
                                        "Spring Cloud Bus: off (no configservice.bus.host or BROKER_RELAY_HOST set)"));
    }

    /** Publisher confirms, so an event leaves the outbox only once the broker has it. */
    @Bean
    @Conditional(BusActiveCondition.class)
    CachingConnectionFactory busConnectionFactory(
            BusProperties properties, BrokerRelayProperties relay) {
        BusConnection connection = BusConnection.of(properties, relay).orElseThrow();
        CachingConnectionFactory connections =
                new CachingConnectionFactory(connection.host(), connection.port());
        connections.setUsername(connection.username());
        connections.setPassword(connection.password());
        connections.setVirtualHost(connection.virtualHost());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        connections.setConnectionNameStrategy(factory -> "config-service bus");
        return connections;
    }
}
