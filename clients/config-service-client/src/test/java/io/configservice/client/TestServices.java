package io.configservice.client;

import io.configservice.testserver.ConfigServiceProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/** Unique service ids (Redis database 1 is shared by every client test run) and client settings for tests. */
final class TestServices {

    private TestServices() {
    }

    static String uniqueServiceId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ClientSettings.Builder settings(URI url, String token, String serviceId, Path snapshots) {
        return ClientSettings.builder().url(url).token(token).serviceId(serviceId).environment("production")
                .snapshotDirectory(snapshots).pollInterval(Duration.ofHours(1))
                .reconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    static ClientSettings.Builder settings(ConfigServiceProcess server, String token, String serviceId,
            Path snapshots) {
        return settings(server.baseUri(), token, serviceId, snapshots);
    }
}
