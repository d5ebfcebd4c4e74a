package io.configservice.client;

import io.configservice.testserver.ConfigServiceProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The service the client's integration tests share, unique service ids (Redis database 1 is shared
 * by every client test run) and client settings for tests.
 */
final class TestServices {

    /**
     * 3 effective changes kept per service and environment, so a client away for longer must read
     * everything again; unacknowledged messages redelivered after 2 s, so a missing ack shows
     * within a test.
     */
    private static final Map<String, String> SERVER_SETTINGS =
            Map.of(
                    "SPRING_APPLICATION_JSON",
                    "{\"configservice\":{\"effective\":{\"change-log-size\":3},\"push\":{\"ack-timeout\":\"2s\"}}}");

    private TestServices() {}

    /**
     * The running service, shared by the test classes of this module (one server start for all of
     * them).
     */
    static ConfigServiceProcess server() {
        return ConfigServiceProcess.shared(SERVER_SETTINGS);
    }

    static String uniqueServiceId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ClientSettings.Builder settings(
            URI url, String token, String serviceId, Path snapshots) {
        return ClientSettings.builder()
                .url(url)
                .token(token)
                .serviceId(serviceId)
                .environment("production")
                .snapshotDirectory(snapshots)
                .pollInterval(Duration.ofHours(1))
                .reconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    static ClientSettings.Builder settings(
            ConfigServiceProcess server, String token, String serviceId, Path snapshots) {
        return settings(server.baseUri(), token, serviceId, snapshots);
    }
}
