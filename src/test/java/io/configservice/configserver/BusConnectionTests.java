package io.configservice.configserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.events.BrokerRelayProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BusConnectionTests {

    private static final BrokerRelayProperties RELAY =
            new BrokerRelayProperties(
                    "rabbit.relay", 61613, "relay-user", "relay-secret", "relay-vhost");
    private static final BrokerRelayProperties NO_RELAY =
            new BrokerRelayProperties("", 61613, "guest", "guest", "/");

    @Test
    void whatTheBusLeavesEmptyIsTheRelays() {
        assertThat(BusConnection.of(bus(true, "", "", ""), RELAY))
                .contains(
                        new BusConnection(
                                "rabbit.relay", 5672, "relay-user", "relay-secret", "relay-vhost"));
        assertThat(BusConnection.of(bus(true, null, null, null), RELAY))
                .contains(
                        new BusConnection(
                                "rabbit.relay", 5672, "relay-user", "relay-secret", "relay-vhost"));
    }

    @Test
    void theBusOwnSettingsWin() {
        assertThat(BusConnection.of(bus(true, "rabbit.bus", "bus-user", "bus-vhost"), RELAY))
                .contains(
                        new BusConnection(
                                "rabbit.bus", 5672, "bus-user", "relay-secret", "bus-vhost"));
    }

    @Test
    void offWithoutAHostOrWhenDisabled() {
        assertThat(BusConnection.of(bus(true, "", "", ""), NO_RELAY)).isEmpty();
        assertThat(BusConnection.of(bus(false, "rabbit.bus", "", ""), RELAY)).isEmpty();
        assertThat(BusConnection.of(bus(true, "rabbit.bus", "", ""), NO_RELAY))
                .contains(new BusConnection("rabbit.bus", 5672, "guest", "guest", "/"));
    }

    @Test
    void thePasswordIsNotPrinted() {
        assertThat(BusConnection.of(bus(true, "", "", ""), RELAY).orElseThrow().toString())
                .doesNotContain("relay-secret");
    }

    private static BusProperties bus(
            boolean enabled, String host, String username, String virtualHost) {
        return new BusProperties(
                enabled,
                host,
                5672,
                username,
                null,
                virtualHost,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5));
    }
}
