package io.configservice.configserver;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Spring Cloud Bus refresh events go: RabbitMQ over AMQP. Host, username, password and
 * virtual host left empty are the STOMP relay's ({@code configservice.broker-relay.*}), so one
 * RabbitMQ serves both; {@link BusConnection} applies that rule, and the bus is on when {@code
 * enabled} and a host results.
 *
 * @param pollInterval how often waiting events are retried (they are also sent right after their
 *     commit)
 * @param confirmTimeout how long the broker may take to confirm a batch before it is retried
 */
@Validated
@ConfigurationProperties("configservice.bus")
public record BusProperties(
        @DefaultValue("true") boolean enabled,
        @Nullable String host,
        @DefaultValue("5672") @Min(1) @Max(65535) int port,
        @Nullable String username,
        @Nullable String password,
        @Nullable String virtualHost,
        @DefaultValue("1s") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration confirmTimeout) {

    @Override
    public String toString() {
        return "BusProperties[enabled="
                + enabled
                + ", host="
                + host
                + ", port="
                + port
                + ", username="
                + username
                + ", virtualHost="
                + virtualHost
                + ", pollInterval="
                + pollInterval
                + ", confirmTimeout="
                + confirmTimeout
                + "]";
    }
}
