package io.configservice.configserver;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Spring Cloud Bus refresh events go: RabbitMQ over AMQP. On when {@code enabled} and {@code host} is set
 * ({@code application.yml} defaults host, login and virtual host to the STOMP relay's {@code BROKER_RELAY_*}).
 *
 * @param pollInterval how often waiting events are retried (they are also sent right after their commit)
 * @param confirmTimeout how long the broker may take to confirm a batch before it is retried
 */
@Validated
@ConfigurationProperties("configservice.bus")
public record BusProperties(@DefaultValue("true") boolean enabled, @DefaultValue("") String host,
        @DefaultValue("5672") @Min(1) @Max(65535) int port, @DefaultValue("guest") String username,
        @DefaultValue("guest") String password, @DefaultValue("/") String virtualHost,
        @DefaultValue("1s") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("5s") @DurationMin(millis = 100) Duration confirmTimeout) {

    /** The condition of the bus's beans: the same rule as {@link #active()}. */
    static final String ACTIVE = "${configservice.bus.enabled:true} and '${configservice.bus.host:}' != ''";

    boolean active() {
        return enabled && !host.isEmpty();
    }

    @Override
    public String toString() {
        return "BusProperties[enabled=" + enabled + ", host=" + host + ", port=" + port + ", username=" + username
                + ", virtualHost=" + virtualHost + ", pollInterval=" + pollInterval + ", confirmTimeout="
                + confirmTimeout + "]";
    }
}
