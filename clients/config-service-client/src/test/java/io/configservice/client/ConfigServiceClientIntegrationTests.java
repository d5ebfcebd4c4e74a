package io.configservice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.configservice.testserver.ConfigServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client against one running service: read, 304, push with acknowledgment, listeners,
 * credentials, snapshot.
 */
class ConfigServiceClientIntegrationTests {

    private final ConfigServiceProcess server = TestServices.server();

    @TempDir Path snapshots;

    @Test
    void readsTheEffectiveConfigurationAndAConditionalReadAnswersNotModified() {
        String service = TestServices.uniqueServiceId("read");
        server.admin().putConfiguration(service, "production", Map.of("db", Map.of("pool", 10)));
        ClientSettings settings =
                TestServices.settings(
                                server, server.admin().issueToken(service), service, snapshots)
                        .build();
        try (ConfigServiceClient client = new ConfigServiceClient(settings).start()) {
            assertThat(client.current().revision()).isEqualTo(1);
            assertThat(client.current().at("db.pool").asInt()).isEqualTo(10);
            assertThat(client.health().status()).isEqualTo(ClientStatus.UP);

            ServiceApi api = new ServiceApi(settings, JsonMapper.builder().build());
            assertThat(api.fetch(1).notModified()).isTrue();
            server.admin()
                    .putConfiguration(service, "production", Map.of("db", Map.of("pool", 11)));
            ServiceApi.Fetched changed = api.fetch(1);
            assertThat(changed.notModified()).isFalse();
            assertThat(changed.revision()).isEqualTo(2);
        }
    }

    @Test
    void appliesAPushedChangeInOrderAndAcknowledgesItSoItIsNotRedelivered() throws Exception {
        String service = TestServices.uniqueServiceId("push");
        server.admin()
                .putConfiguration(
                        service, "production", Map.of("db", Map.of("pool", 10, "host", "a")));
        ClientSettings settings =
                TestServices.settings(
                                server, server.admin().issueToken(service), service, snapshots)
                        .build();
        List<ConfigurationUpdate> updates = new CopyOnWriteArrayList<>();
        try (ConfigServiceClient client = new ConfigServiceClient(settings)) {
            client.addListener(updates::add);
            client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.health().pushConnected());

            server.admin()
                    .putConfiguration(
                            service, "production", Map.of("db", Map.of("pool", 20, "host", "a")));
            server.admin()
                    .putConfiguration(service, "production", Map.of("db", Map.of("pool", 20)));

            await().atMost(Duration.ofSeconds(20)).until(() -> updates.size() == 2);
            assertThat(updates)
                    .extracting(update -> update.current().revision())
                    .containsExactly(2L, 3L);
            assertThat(updates.get(0).changedPaths()).containsExactly("db.pool");
            assertThat(updates.get(1).changedPaths()).containsExactly("db.host");
            assertThat(client.current().document().toString()).isEqualTo("{\"db\":{\"pool\":20}}");
            assertThat(client.health().eventsReceived()).isEqualTo(2);

            // the service redelivers an unacknowledged message after 2 s; acknowledged ones never
            // come back
            Thread.sleep(5000);
            assertThat(client.health().eventsReceived()).isEqualTo(2);
        }
    }

    @Test
    void aChangeOfAParentEnvironmentReachesTheClient() {
        String service = TestServices.uniqueServiceId("parent");
        String child = "child-" + service.substring(service.lastIndexOf('-') + 1);
        server.admin()
                .send(
                        "POST",
                        "/api/v1/environments",
                        Map.of(
                                "id",
                                child,
                                "name",
                                child,
                                "type",
                                "production",
                                "inheritsFrom",
                                List.of("production")))
                .data();
        server.admin()
                .putConfiguration(
                        service, "production", Map.of("feature", false, "region", "base"));
        server.admin().putConfiguration(service, child, Map.of("region", "child"));
        ClientSettings settings =
                TestServices.settings(
                                server, server.admin().issueToken(service), service, snapshots)
                        .environment(child)
                        .build();
        try (ConfigServiceClient client = new ConfigServiceClient(settings).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> client.health().pushConnected());
            assertThat(client.current().at("region").asString()).isEqualTo("child");

            server.admin()
                    .putConfiguration(
                            service, "production", Map.of("feature", true, "region", "base"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> client.current().at("feature").asBoolean());
            assertThat(client.current().at("region").asString()).isEqualTo("child");
        }
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        String service = TestServices.uniqueServiceId("listeners");
        server.admin().putConfiguration(service, "production", Map.of("size", 1));
        ClientSettings settings =
                TestServices.settings(
                                server, server.admin().issueToken(service), service, snapshots)
                        .build();
        List<Long> heard = new CopyOnWriteArrayList<>();
        try (ConfigServiceClient client = new ConfigServiceClient(settings)) {
            client.addListener(
                    update -> {
                        throw new IllegalStateException("this listener rejects every change");
                    });
            client.addListener(update -> heard.add(update.current().revision()));
            client.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.health().pushConnected());

            server.admin().putConfiguration(service, "production", Map.of("size", 2));

            await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains(2L));
            assertThat(client.current().at("size").asInt()).isEqualTo(2);
            assertThat(client.health().listenerFailures()).isEqualTo(1);
        }
    }

    @Test
    void readsACredentialAndHandsItsNewValueToTheRotationListener() {
        String service = TestServices.uniqueServiceId("credentials");
        String key = service + ".db-password";
        server.admin()
                .putConfiguration(
                        service,
                        "production",
                        Map.of("db", Map.of("password", "${credential:" + key + "}")));
        server.admin()
                .send(
                        "POST",
                        "/api/v1/credentials",
                        Map.of(
                                "key",
                                key,
                                "value",
                                "first-secret-value",
                                "type",
                                "database_password",
                                "serviceId",
                                service,
                                "environment",
                                "production"))
                .data();
        ClientSettings settings =
                TestServices.settings(
                                server, server.admin().issueToken(service), service, snapshots)
                        .build();
        List<CredentialValue> rotated = new CopyOnWriteArrayList<>();
        try (ConfigServiceClient client = new ConfigServiceClient(settings)) {
            client.onCredentialRotated(key, rotated::add);
            client.start();
            assertThat(client.credential(key).value()).isEqualTo("first-secret-value");
            await().atMost(Duration.ofSeconds(20)).until(() -> client.health().pushConnected());

            server.admin()
                    .send(
                            "POST",
                            "/api/v1/credentials/" + key + "/rotate",
                            Map.of("value", "second-secret-value", "force", true))
                    .data();

            await().atMost(Duration.ofSeconds(20)).until(() -> !rotated.isEmpty());
            assertThat(rotated.get(0).value()).isEqualTo("second-secret-value");
            assertThat(rotated.get(0).version()).isEqualTo(2);
            assertThat(rotated.get(0).toString()).doesNotContain("second-secret-value");
        }
    }

    @Test
    void writesTheSnapshotOwnerOnlyWithReferencesButNoCredentialValue() throws Exception {
        String service = TestServices.uniqueServiceId("snapshot");
        String key = service + ".api-key";
        server.admin()
                .send(
                        "POST",
                        "/api/v1/credentials",
                        Map.of(
                                "key",
                                key,
                                "value",
                                "snapshot-canary-value",
                                "type",
                                "api_key",
                                "serviceId",
                                service,
                                "environment",
                                "production"))
                .data();
        server.admin()
                .putConfiguration(
                        service,
                        "production",
                        Map.of("api", Map.of("key", "${credential:" + key + "}")));
        ClientSettings settings =
                TestServices.settings(
                                server, server.admin().issueToken(service), service, snapshots)
                        .build();
        try (ConfigServiceClient client = new ConfigServiceClient(settings).start()) {
            assertThat(client.credential(key).value()).isEqualTo("snapshot-canary-value");
        }

        Path file = snapshots.resolve(service + ".production.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String stored = Files.readString(file);
        assertThat(stored)
                .contains("${credential:" + key + "}")
                .doesNotContain("snapshot-canary-value");
        try (var leftovers = Files.list(snapshots)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void aTokenOfAnotherServiceIsRefusedEvenWhenOptional() {
        String service = TestServices.uniqueServiceId("owner");
        String other = TestServices.uniqueServiceId("other");
        server.admin().putConfiguration(service, "production", Map.of("secret-ish", "value"));
        ClientSettings settings =
                TestServices.settings(server, server.admin().issueToken(other), service, snapshots)
                        .optional(true)
                        .build();

        assertThatThrownBy(() -> new ConfigServiceClient(settings).start())
                .isInstanceOfSatisfying(
                        ConfigServiceException.class, e -> assertThat(e.status()).isEqualTo(403));
    }
}
