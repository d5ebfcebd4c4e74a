package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.IntegrationTest;
import io.configservice.support.StompTestClient;
import io.configservice.support.StompTestClient.Received;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.test.context.TestPropertySource;

/**
 * Real STOMP sessions on the simple broker behind a backlog in the outbound channel ({@link
 * OutboundChannelHold}); {@link RelayFanOutIntegrationTests} has the same through the RabbitMQ
 * relay.
 */
@TestPropertySource(properties = "configservice.push.max-queued-per-session=3")
class PushBacklogIntegrationTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final MediaType MERGE_PATCH =
            MediaType.parseMediaType("application/merge-patch+json");

    @Autowired
    @Qualifier("clientOutboundChannel")
    private MessageChannel clientOutbound;

    @Autowired private MeterRegistry meters;

    @Autowired private OutboxRelay relay;

    @Autowired private JdbcTemplate jdbc;

    @Test
    void aSessionBehindTheBacklogGetsOnlyTheNewestRevisionOfItsConfiguration() throws Exception {
        String serviceId = uniqueServiceId("backlog");
        createConfiguration(serviceId, "{\"r\":0}");
        double coalescedBefore = coalesced();
        try (StompTestClient client =
                subscribed(issueToken(serviceId), "/topic/config." + serviceId + ".production")) {
            try (OutboundChannelHold held = OutboundChannelHold.hold(clientOutbound)) {
                for (int r = 1; r <= 5; r++) {
                    patch(serviceId, r);
                }
                await().atMost(WAIT).until(() -> coalesced() >= coalescedBefore + 4);
            }

            Received newest = client.next("configuration_changed", WAIT);
            assertThat(newest).as("the newest revision").isNotNull();
            assertThat(newest.body().at("/data/changes/0/newValue").asInt()).isEqualTo(5);
            assertThat(newest.body().at("/data/changes/0/oldValue").asInt())
                    .as("the revisions in between were skipped: the client sees the gap")
                    .isEqualTo(4);
            client.acknowledge(newest.body().get("id").asString());
            Received more = client.next("configuration_changed", Duration.ofMillis(1_500));
            assertThat(more == null ? null : more.body().get("id"))
                    .as("no older revision after the newest, at most its redelivery")
                    .isIn(null, newest.body().get("id"));
        }
        assertThat(coalesced() - coalescedBefore).isEqualTo(4);
    }

    @Test
    void aRelayThatIsBehindPublishesOnlyTheNewestEventOfASubjectInItsBatch() throws Exception {
        String serviceId = uniqueServiceId("relaybehind");
        createConfiguration(serviceId, "{\"r\":0}");
        await().atMost(WAIT).until(() -> unpublished(serviceId) == 0);
        double coalescedBefore = relayCoalesced();
        try (StompTestClient client =
                subscribed(issueToken(serviceId), "/topic/config." + serviceId + ".production")) {
            relay.stop();
            try {
                for (int r = 1; r <= 3; r++) {
                    patch(serviceId, r);
                }
                assertThat(
                                jdbc.update(
                                        "UPDATE event_outbox SET created_at = created_at - interval"
                                                + " '1 minute' WHERE subject = ? AND published_at"
                                                + " IS NULL",
                                        serviceId + ".production"))
                        .as("the three events wait, longer than relay-coalesce-after (10s)")
                        .isEqualTo(3);
            } finally {
                relay.start();
            }

            assertThat(revisionValue(client)).as("the newest revision").isEqualTo(3);
            assertThat(client.next("configuration_changed", Duration.ofMillis(1_500)))
                    .as("the two older revisions were not published")
                    .isNull();
        }
        assertThat(relayCoalesced() - coalescedBefore).isEqualTo(2);
        assertThat(unpublished(serviceId)).as("every row of the batch is marked sent").isZero();
    }

    private long unpublished(String serviceId) {
        Long count =
                jdbc.queryForObject(
                        "SELECT count(*) FROM event_outbox WHERE subject = ? AND published_at IS NULL",
                        Long.class,
                        serviceId + ".production");
        return count == null ? 0 : count;
    }

    @Test
    void aSessionWithTooManyFramesWaitingIsEndedWhileAnotherGetsEveryFrame() throws Exception {
        List<String> services = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String serviceId = uniqueServiceId("overflow");
            createConfiguration(serviceId, "{\"r\":0}");
            services.add(serviceId);
        }
        String mine = services.get(0);
        double overflowsBefore = meters.counter("configservice.push.queue.overflows").count();
        try (StompTestClient everything = connect(ADMIN_TOKEN);
                StompTestClient one =
                        subscribed(issueToken(mine), "/topic/config." + mine + ".production")) {
            for (String serviceId : services) {
                assertThat(
                                everything.subscribeConfirmed(
                                        "/topic/config." + serviceId + ".production", WAIT))
                        .isTrue();
            }
            try (OutboundChannelHold held = OutboundChannelHold.hold(clientOutbound)) {
                for (String serviceId : services) {
                    patch(serviceId, 1);
                }
                await().atMost(WAIT)
                        .until(
                                () ->
                                        meters.counter("configservice.push.queue.overflows").count()
                                                > overflowsBefore);
            }

            assertThat(everything.nextError(WAIT))
                    .as("five subjects waiting, three allowed")
                    .contains("max-queued-per-session");
            await().atMost(WAIT).until(() -> !everything.connected());

            assertThat(revisionValue(one)).isEqualTo(1);
            patch(mine, 2);
            patch(mine, 3);
            assertThat(revisionValue(one)).isEqualTo(2);
            assertThat(revisionValue(one)).isEqualTo(3);
            assertThat(one.connected()).isTrue();
            assertThat(one.nextError(Duration.ZERO)).isNull();
        }
    }

    private void patch(String serviceId, int r) {
        admin().patch()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MERGE_PATCH)
                .body("{\"r\":" + r + "}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** The new value of {@code r} in the next {@code configuration_changed}, acknowledged. */
    private static int revisionValue(StompTestClient client) throws InterruptedException {
        Received received = client.next("configuration_changed", WAIT);
        assertThat(received).as("a configuration_changed message").isNotNull();
        client.acknowledge(received.body().get("id").asString());
        return received.body().at("/data/changes/0/newValue").asInt();
    }

    private double relayCoalesced() {
        return meters.counter("configservice.push.relay.coalesced").count();
    }

    private double coalesced() {
        return meters.counter("configservice.push.coalesced").count();
    }

    private StompTestClient connect(String withToken) throws Exception {
        return StompTestClient.connect(port, withToken).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private StompTestClient subscribed(String withToken, String destination) throws Exception {
        return StompTestClient.subscribed(port, withToken, destination, WAIT);
    }
}
