package io.configservice.events;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The RabbitMQ STOMP relay that carries push messages between replicas ({@code BROKER_RELAY_HOST},
 * {@code _PORT}, {@code _LOGIN}, {@code _PASSCODE}, {@code _VIRTUAL_HOST}); with no host the
 * in-process simple broker is used.
 *
 * @param host the broker's host; empty uses the in-process simple broker
 * @param port the broker's STOMP port
 * @param login the login of the client and system connections
 * @param passcode their passcode
 * @param virtualHost the broker's virtual host
 */
@Validated
@ConfigurationProperties("configservice.broker-relay")
public record BrokerRelayProperties(
        @DefaultValue("") String host,
        @DefaultValue("61613") @Min(1) @Max(65535) int port,
        @DefaultValue("guest") String login,
        @DefaultValue("guest") String passcode,
        @DefaultValue("/") String virtualHost) {

    boolean enabled() {
        return !host.isBlank();
    }

    @Override
    public String toString() {
        return "BrokerRelayProperties[host="
                + host
                + ", port="
                + port
                + ", login="
                + login
                + ", virtualHost="
                + virtualHost
                + "]";
    }
}
