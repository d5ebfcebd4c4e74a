package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.IntegrationTest;
import io.configservice.support.StompTestClient;
import io.configservice.support.StompTestClient.Received;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

class PushIntegrationTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final MediaType MERGE_PATCH =
            MediaType.parseMediaType("application/merge-patch+json");

    @Autowired private OutboxRelay relay;

    @Autowired private JdbcTemplate jdbc;

    @Autowired private MeterRegistry meters;

    private String serviceId;
    private String token;

    @BeforeEach
    void createService() {
        serviceId = uniqueServiceId("pushed");
        createConfiguration(serviceId, "{\"a\":1,\"b\":{\"c\":2}}");
        token = issueToken(serviceId);
    }

    @Test
    void sockJsFallbackIsServed() {
        http.get()
                .uri("/ws-sockjs/info")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.websocket")
                .isEqualTo(true);
    }

    @Test
    void connectWithoutOrWithABadTokenIsRefused() throws Exception {
        assertThat(StompTestClient.connect(port, null)).failsWithin(WAIT);
        assertThat(StompTestClient.connect(port, "bogus-token")).failsWithin(WAIT);
    }

    @Test
    void subscribingToAnotherServiceIsRefused() throws Exception {
        try (StompTestClient client = connect(token)) {
            client.subscribe("/topic/config." + uniqueServiceId("other") + ".production");
            assertThat(client.nextError(WAIT)).isNotNull();
            await().atMost(WAIT).until(() -> !client.connected());
        }
        try (StompTestClient client = connect(token)) {
            client.subscribe("/topic/environments");
            assertThat(client.nextError(WAIT)).isNotNull();
        }
    }

    @Test
    void everyKindOfWriteIsPushedWithItsDiff() throws Exception {
        try (StompTestClient client =
                subscribed(token, "/topic/config." + serviceId + ".production")) {
            admin().put()
                    .uri("/api/v1/configurations/{id}", serviceId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            """
                            {"configuration":{"a":2,"b":{"c":2}}}""")
                    .exchange()
                    .expectStatus()
                    .isOk();
            Received put = expectEvent(client, "configuration_changed");
            assertThat(put.body().at("/data/serviceId").asString()).isEqualTo(serviceId);
            assertThat(put.body().at("/data/environment").asString()).isEqualTo("production");
            assertThat(put.body().at("/data/version").asInt()).isEqualTo(2);
            assertThat(put.body().at("/data/changedBy").asString()).isEqualTo("token:admin");
            assertThat(put.body().at("/data/changes/0/path").asString()).isEqualTo("a");
            assertThat(put.body().at("/data/changes/0/oldValue").asInt()).isEqualTo(1);
            assertThat(put.body().at("/data/changes/0/newValue").asInt()).isEqualTo(2);
            assertThat(put.body().get("acknowledgmentRequired").asBoolean()).isTrue();
            assertThat(put.body().get("timestamp").asLong()).isPositive();
            assertThat(put.headers().getFirst("event-id"))
                    .isEqualTo(put.body().get("id").asString());
            client.acknowledge(put.body().get("id").asString());

            admin().patch()
                    .uri("/api/v1/configurations/{id}", serviceId)
                    .contentType(MERGE_PATCH)
                    .body(
                            """
                            {"d":4}""")
                    .exchange()
                    .expectStatus()
                    .isOk();
            ackAndCheckVersion(client, 3);
            admin().delete()
                    .uri("/api/v1/configurations/{id}/d", serviceId)
                    .exchange()
                    .expectStatus()
                    .isOk();
            ackAndCheckVersion(client, 4);
            admin().post()
                    .uri("/api/v1/configurations/{id}/batch", serviceId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            """
                            {"operations":[{"type":"SET","key":"e","value":5}]}""")
                    .exchange()
                    .expectStatus()
                    .isOk();
            ackAndCheckVersion(client, 5);
            admin().post()
                    .uri("/api/v1/configurations/{id}/versions/1/rollback", serviceId)
                    .exchange()
                    .expectStatus()
                    .isOk();
            Received rollback = ackAndCheckVersion(client, 6);
            assertThat(rollback.body().at("/data/changeType").asString()).isEqualTo("ROLLBACK");
        }
    }

    @Test
    void environmentChangesReachTheServicesTheyAffect() throws Exception {
        String environment = uniqueServiceId("pushenv");
        createEnvironment(environment, "\"name\":\"P\",\"type\":\"testing\"");
        admin().put()
                .uri("/api/v1/configurations/{s}/environments/{e}", serviceId, environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":{"x":1}}""")
                .exchange()
                .expectStatus()
                .isOk();
        try (StompTestClient service =
                        subscribed(token, "/topic/config." + serviceId + "." + environment);
                StompTestClient operator = subscribed(ADMIN_TOKEN, "/topic/environments")) {
            admin().put()
                    .uri("/api/v1/environments/{id}", environment)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            """
                            {"name":"P","type":"testing","configurationOverrides":{"x":2}}""")
                    .exchange()
                    .expectStatus()
                    .isOk();
            Received forService = expectEvent(service, "configuration_changed");
            assertThat(forService.body().at("/data/environment").asString()).isEqualTo(environment);
            assertThat(forService.body().at("/data/revision").asLong()).isEqualTo(2);
            assertThat(forService.body().at("/data/cause/layer").asString()).isEqualTo("overrides");
            assertThat(forService.body().at("/data/changes/0/path").asString()).isEqualTo("x");
            assertThat(forService.body().at("/data/changes/0/newValue").asInt()).isEqualTo(2);
            Received forOperator = expectEvent(operator, "environment_updated");
            assertThat(forOperator.body().at("/data/affected/0/serviceId").asString())
                    .isEqualTo(serviceId);
        }
    }

    @Test
    void credentialRotationIsPushedWithoutTheValue() throws Exception {
        String key = serviceId + ".api-key";
        String secret = "canary-" + Long.toString(System.nanoTime(), 36);
        admin().post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"key":"%s","value":"%s","type":"api_key","serviceId":"%s","environment":"production"}"""
                                .formatted(key, secret, serviceId))
                .exchange()
                .expectStatus()
                .isCreated();
        try (StompTestClient client =
                subscribed(token, "/topic/credentials." + serviceId + ".production")) {
            admin().post()
                    .uri("/api/v1/credentials/{key}/rotate", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{}")
                    .exchange()
                    .expectStatus()
                    .isOk();
            Received rotated = expectEvent(client, "credential_rotated");
            assertThat(rotated.body().at("/data/credentialKey").asString()).isEqualTo(key);
            assertThat(rotated.body().at("/data/serviceId").asString()).isEqualTo(serviceId);
            assertThat(rotated.body().at("/data/version").asInt()).isEqualTo(2);
            assertThat(rotated.body().at("/data/rotationId").asString()).isNotEmpty();
            assertThat(rotated.body().toString()).doesNotContain(secret);
        }
    }

    @Test
    void adminWildcardSubscriptionsMatchLikeTheSpecsPatterns() throws Exception {
        try (StompTestClient admin = subscribed(ADMIN_TOKEN, "/topic/config." + serviceId + ".*")) {
            admin().patch()
                    .uri("/api/v1/configurations/{id}?environment=production", serviceId)
                    .contentType(MERGE_PATCH)
                    .body(
                            """
                            {"w":1}""")
                    .exchange()
                    .expectStatus()
                    .isOk();
            Received received = expectEvent(admin, "configuration_changed");
            assertThat(received.body().at("/data/serviceId").asString()).isEqualTo(serviceId);
        }
    }

    @Test
    void unacknowledgedMessagesAreRedeliveredToTheSessionAndCounted() throws Exception {
        double before = meters.counter("configservice.push.redeliveries").count();
        try (StompTestClient client =
                subscribed(token, "/topic/config." + serviceId + ".production")) {
            admin().patch()
                    .uri("/api/v1/configurations/{id}", serviceId)
                    .contentType(MERGE_PATCH)
                    .body(
                            """
                            {"r":1}""")
                    .exchange()
                    .expectStatus()
                    .isOk();
            Received first = expectEvent(client, "configuration_changed");
            Received again = expectEvent(client, "configuration_changed");
            assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
            client.acknowledge(first.body().get("id").asString());
            Thread.sleep(500);
            client.drain();
            assertThat(client.next(Duration.ofMillis(2_500)))
                    .as("nothing redelivered after the ack")
                    .isNull();
        }
        assertThat(meters.counter("configservice.push.redeliveries").count()).isGreaterThan(before);
    }

    @Test
    void onlyTheNewestUnacknowledgedRevisionIsRedelivered() throws Exception {
        double supersededBefore = meters.counter("configservice.push.superseded").count();
        try (StompTestClient client =
                subscribed(token, "/topic/config." + serviceId + ".production")) {
            for (int r = 1; r <= 2; r++) {
                admin().patch()
                        .uri("/api/v1/configurations/{id}", serviceId)
                        .contentType(MERGE_PATCH)
                        .body("{\"r\":" + r + "}")
                        .exchange()
                        .expectStatus()
                        .isOk();
            }
            Received older = expectEvent(client, "configuration_changed");
            Received newer = expectEvent(client, "configuration_changed");
            assertThat(newer.body().at("/data/revision").asLong())
                    .isGreaterThan(older.body().at("/data/revision").asLong());
            assertThat(newer.headers().getFirst(OutboxRelay.EVENT_SUBJECT_HEADER))
                    .isEqualTo(serviceId + ".production");
            Thread.sleep(200);
            client.drain();

            Received redelivered = expectEvent(client, "configuration_changed");
            assertThat(redelivered.body().get("id")).isEqualTo(newer.body().get("id"));
            client.acknowledge(newer.body().get("id").asString());
            Thread.sleep(500);
            client.drain();
            assertThat(client.next(Duration.ofMillis(2_500)))
                    .as("the older revision is not redelivered, nor the newer after its ack")
                    .isNull();
        }
        assertThat(meters.counter("configservice.push.superseded").count())
                .isGreaterThan(supersededBefore);
    }

    @Test
    void eventsCommittedWhileTheRelayIsDownArriveAfterRecovery() throws Exception {
        String destination = "/topic/config." + serviceId + ".production";
        await().atMost(WAIT)
                .until(
                        () ->
                                jdbc.queryForObject(
                                                "SELECT count(*) FROM event_outbox "
                                                        + "WHERE published_at IS NULL AND destination = ?",
                                                Integer.class,
                                                destination)
                                        == 0);
        try (StompTestClient client =
                subscribed(token, "/topic/config." + serviceId + ".production")) {
            relay.stop();
            try {
                admin().patch()
                        .uri("/api/v1/configurations/{id}", serviceId)
                        .contentType(MERGE_PATCH)
                        .body(
                                """
                                {"offline":true}""")
                        .exchange()
                        .expectStatus()
                        .isOk();
                assertThat(client.next(Duration.ofSeconds(1))).isNull();
                assertThat(
                                jdbc.queryForObject(
                                        "SELECT count(*) FROM event_outbox WHERE published_at IS NULL "
                                                + "AND destination = ?",
                                        Integer.class,
                                        "/topic/config." + serviceId + ".production"))
                        .isEqualTo(1);
            } finally {
                relay.start();
            }
            Received late = expectEvent(client, "configuration_changed");
            assertThat(late.body().at("/data/version").asInt()).isEqualTo(2);
        }
        await().atMost(WAIT)
                .until(
                        () ->
                                jdbc.queryForObject(
                                                "SELECT count(*) FROM event_outbox "
                                                        + "WHERE published_at IS NULL AND destination = ?",
                                                Integer.class,
                                                "/topic/config." + serviceId + ".production")
                                        == 0);
    }

    @Test
    void publishedRowsAreCleanedUpAfterTheConfiguredTime() {
        String destination = "/topic/config." + serviceId + ".cleanup";
        jdbc.update(
                "INSERT INTO event_outbox (destination, event_type, payload, created_at, published_at) "
                        + "VALUES (?, 'configuration_changed', '{}', now() - interval '3 hours', now() - interval '2 hours')",
                destination);
        jdbc.update(
                "INSERT INTO event_outbox (destination, event_type, payload, created_at, published_at) "
                        + "VALUES (?, 'configuration_changed', '{}', now(), now())",
                destination);
        relay.deleteOldPublished();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM event_outbox WHERE destination = ?",
                                Integer.class,
                                destination))
                .isEqualTo(1);
    }

    @Test
    void clientsResumeFromAVersionOrAreToldToResync() {
        for (int i = 2; i <= 3; i++) {
            admin().patch()
                    .uri("/api/v1/configurations/{id}", serviceId)
                    .contentType(MERGE_PATCH)
                    .body(
                            """
                            {"a":%s}"""
                                    .formatted(i))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}/changes?sinceVersion=1", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.currentVersion")
                .isEqualTo(3)
                .jsonPath("$.data.changes.length()")
                .isEqualTo(2)
                .jsonPath("$.data.changes[0].version")
                .isEqualTo(2)
                .jsonPath("$.data.changes[0].changes[0].path")
                .isEqualTo("a")
                .jsonPath("$.data.changes[0].changes[0].newValue")
                .isEqualTo(2)
                .jsonPath("$.data.changes[1].version")
                .isEqualTo(3);
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}/changes?sinceVersion=3", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.changes.length()")
                .isEqualTo(0);
        jdbc.update(
                "DELETE FROM configuration_history WHERE service_id = ? AND version = 1",
                serviceId);
        jdbc.update(
                "DELETE FROM service_configurations WHERE service_id = ? AND version = 1",
                serviceId);
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}/changes?sinceVersion=0", serviceId)
                .exchange()
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("RESYNC_REQUIRED")
                .jsonPath("$.details.currentVersion")
                .isEqualTo(3);
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}/changes?sinceVersion=1", serviceId)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private StompTestClient connect(String withToken) throws Exception {
        return StompTestClient.connect(port, withToken).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private StompTestClient subscribed(String withToken, String destination) throws Exception {
        return StompTestClient.subscribed(port, withToken, destination, WAIT);
    }

    private static Received expectEvent(StompTestClient client, String type)
            throws InterruptedException {
        Received received = client.next(type, WAIT);
        assertThat(received).as("a %s message", type).isNotNull();
        return received;
    }

    private static Received ackAndCheckVersion(StompTestClient client, int version)
            throws InterruptedException {
        Received received = expectEvent(client, "configuration_changed");
        assertThat(received.body().at("/data/version").asInt()).isEqualTo(version);
        client.acknowledge(received.body().get("id").asString());
        return received;
    }
}
