package io.configservice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.testserver.ConfigServiceProcess;
import io.configservice.testserver.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service goes away while clients run: cut off behind a proxy (writes made meanwhile publish
 * events nobody hears, so the client learns of them only by resuming from the change feed, or by
 * reading everything again once the feed no longer reaches back: 3 changes kept here), or killed
 * and restarted (the module's shared server: the test classes after this one get it restarted).
 */
class ClientOutageIntegrationTests {

    private final ConfigServiceProcess server = TestServices.server();

    @TempDir Path snapshots;

    @Test
    void resumesAfterBeingCutOffWithEveryMissedRevisionInOrderThenResyncsWhenTheFeedIsTooShort() {
        String service = TestServices.uniqueServiceId("resume");
        server.admin().putConfiguration(service, "production", Map.of("step", 0));
        List<ConfigurationUpdate> updates = new CopyOnWriteArrayList<>();
        try (TcpProxy proxy = TcpProxy.to(server.port());
                ConfigServiceClient client =
                        new ConfigServiceClient(
                                TestServices.settings(
                                                proxy.baseUri(),
                                                server.admin().issueToken(service),
                                                service,
                                                snapshots)
                                        .build())) {
            client.addListener(updates::add);
            client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.health().pushConnected());

            writeWhileAway(proxy, client, service, 1, 2, 3);

            await().atMost(Duration.ofSeconds(60)).until(() -> heardRevision(updates, 4));
            assertThat(updates)
                    .extracting(update -> update.current().revision())
                    .containsExactly(2L, 3L, 4L);
            assertThat(updates)
                    .extracting(update -> update.current().at("step").asInt())
                    .containsExactly(1, 2, 3);
            assertThat(client.health().status()).isEqualTo(ClientStatus.UP);

            updates.clear();
            writeWhileAway(proxy, client, service, 4, 5, 6, 7, 8);

            await().atMost(Duration.ofSeconds(60)).until(() -> heardRevision(updates, 9));
            assertThat(updates)
                    .singleElement()
                    .satisfies(
                            update -> {
                                assertThat(update.previous().revision()).isEqualTo(4);
                                assertThat(update.current().at("step").asInt()).isEqualTo(8);
                                assertThat(update.changedPaths()).containsExactly("step");
                            });
        }
    }

    @Test
    void startsFromTheSnapshotWhenTheServiceIsDownAndCatchesUpWhenItReturns() {
        String service = TestServices.uniqueServiceId("snapshot-start");
        server.admin().putConfiguration(service, "production", Map.of("color", "blue"));
        ClientSettings settings =
                TestServices.settings(
                                server, server.admin().issueToken(service), service, snapshots)
                        .pollInterval(Duration.ofSeconds(1))
                        .build();
        try (ConfigServiceClient first = new ConfigServiceClient(settings).start()) {
            assertThat(first.current().at("color").asString()).isEqualTo("blue");
        }
        server.kill();

        try (ConfigServiceClient client = new ConfigServiceClient(settings).start()) {
            assertThat(client.current().at("color").asString()).isEqualTo("blue");
            assertThat(client.current().revision()).isEqualTo(1);
            ClientHealth health = client.health();
            assertThat(health.status()).isEqualTo(ClientStatus.STALE);
            assertThat(health.fromSnapshot()).isTrue();
            assertThat(health.fallbacks()).isEqualTo(1);

            server.restart();
            server.admin().putConfiguration(service, "production", Map.of("color", "green"));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.current().at("color").asString().equals("green"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> client.health().status() == ClientStatus.UP);
        }
    }

    private static boolean heardRevision(List<ConfigurationUpdate> updates, long revision) {
        return !updates.isEmpty()
                && updates.get(updates.size() - 1).current().revision() == revision;
    }

    /** Writes the steps while the client is cut off from the service, then lets it back. */
    private void writeWhileAway(
            TcpProxy proxy, ConfigServiceClient client, String service, int... steps) {
        proxy.cut();
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.health().pushConnected());
        for (int step : steps) {
            server.admin().putConfiguration(service, "production", Map.of("step", step));
        }
        proxy.restore();
    }
}
