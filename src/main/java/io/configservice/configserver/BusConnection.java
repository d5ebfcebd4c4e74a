package io.configservice.configserver;

import io.configservice.events.BrokerRelayProperties;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The RabbitMQ the bus sends to: {@code configservice.bus.*}, each of host, username, password and
 * virtual host that is left empty taken from the STOMP relay's settings. Empty when the bus is
 * disabled or no host results.
 */
record BusConnection(String host, int port, String username, String password, String virtualHost) {

    static Optional<BusConnection> of(BusProperties bus, BrokerRelayProperties relay) {
        String host = orElse(bus.host(), relay.host());
        if (!bus.enabled() || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(
                new BusConnection(
                        host,
                        bus.port(),
                        orElse(bus.username(), relay.login()),
                        orElse(bus.password(), relay.passcode()),
                        orElse(bus.virtualHost(), relay.virtualHost())));
    }

    private static String orElse(@Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return "BusConnection[host="
                + host
                + ", port="
                + port
                + ", username="
                + username
                + ", virtualHost="
                + virtualHost
                + "]";
    }
}
