package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.IntegrationTest;
import io.configservice.support.RawStompClient;
import io.configservice.support.RawStompClient.Frame;
import io.configservice.support.StompTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.JsonNode;

/**
 * What a client must not be able to do over STOMP: publish to anybody's topic, get a frame of its
 * own making tracked for acknowledgment, hold unbounded sessions or unbounded unacknowledged
 * messages.
 */
class PushSecurityIntegrationTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(2_500);

    @Autowired private JdbcTemplate jdbc;

    @Autowired private OutboxRelay relay;

    @Autowired
    @Qualifier("brokerMessagingTemplate")
    private SimpMessagingTemplate broker;

    @Autowired private AcknowledgmentTracker tracker;

    @Autowired private SessionLimits sessionLimits;

    private String victim;
    private String victimTopic;

    @BeforeEach
    void createVictim() {
        victim = uniqueServiceId("victim");
        victimTopic = "/topic/config." + victim + ".production";
    }

    @Test
    void sendToAnotherServicesTopicNeverReachesItsSubscribers() throws Exception {
        String attackerToken = issueToken(uniqueServiceId("attacker"), "config:read");
        try (StompTestClient subscriber = subscribed(issueToken(victim), victimTopic);
                RawStompClient attacker = connected(attackerToken)) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("destination", victimTopic);
            headers.put("content-type", "application/json");
            headers.put("ack-required", "true");
            headers.put("event-id", "forged-1");
            attacker.send("SEND", headers, forgedEvent("forged-1"));

            Frame refusal = assertRefused(attacker, "SEND");
            if (refusal.command().equals("ERROR")) {
                assertThat(refusal.header("message"))
                        .isEqualTo("SEND refused: clients may send only to /app/ack");
            }
            assertThat(subscriber.next(QUIET))
                    .as("nothing delivered, nothing redelivered")
                    .isNull();
        }
    }

    @Test
    void messageAndOtherServerOrUnusedFramesFromAClientAreRefused() throws Exception {
        String token = issueToken(victim);
        for (String command :
                List.of("MESSAGE", "ACK", "NACK", "BEGIN", "COMMIT", "ABORT", "RECEIPT", "ERROR")) {
            try (StompTestClient subscriber = subscribed(token, victimTopic);
                    RawStompClient attacker = connected(token)) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("destination", victimTopic);
                headers.put("subscription", "0");
                headers.put("message-id", "m-1");
                headers.put("id", "m-1");
                headers.put("transaction", "t-1");
                headers.put("receipt-id", "r-1");
                attacker.send(command, headers, forgedEvent("forged-" + command));
                assertRefused(attacker, command);
                assertThat(subscriber.next(Duration.ofMillis(500))).as(command).isNull();
            }
        }
    }

    @Test
    void aFrameThatDidNotComeFromTheOutboxRelayIsNeitherDeliveredNorTracked() throws Exception {
        try (StompTestClient subscriber = subscribed(issueToken(victim), victimTopic)) {
            // what a party with access to the broker (RabbitMQ) could publish: the relay's headers,
            // no valid signature
            SimpMessageHeaderAccessor headers =
                    SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
            headers.setNativeHeader(OutboxRelay.EVENT_ID_HEADER, "injected-1");
            headers.setNativeHeader(OutboxRelay.ACK_REQUIRED_HEADER, "true");
            headers.setNativeHeader("event-signature", "AAAA");
            headers.setLeaveMutable(true);
            broker.send(
                    victimTopic,
                    MessageBuilder.createMessage(
                            forgedEvent("injected-1").getBytes(StandardCharsets.UTF_8),
                            headers.getMessageHeaders()));

            assertThat(subscriber.next(QUIET)).as("neither delivered nor redelivered").isNull();
        }
    }

    @Test
    void sessionsPerCallerAreCappedAndTheirCountIsReleasedOnDisconnect() throws Exception {
        JsonNode issued =
                readJson(
                                admin().post()
                                        .uri("/api/v1/tokens")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .body("{\"serviceId\":\"" + victim + "\"}")
                                        .exchange()
                                        .expectStatus()
                                        .isCreated()
                                        .expectBody()
                                        .returnResult()
                                        .getResponseBody())
                        .path("data");
        String token = issued.path("token").asString();
        String caller = "token:" + issued.path("id").asString();
        for (int round = 0; round < 2; round++) {
            List<RawStompClient> sessions = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    sessions.add(connected(token));
                }
                assertThat(sessionLimits.openSessions(caller)).isEqualTo(100);
                try (RawStompClient oneTooMany = RawStompClient.connect(port, token)) {
                    Frame refusal = oneTooMany.next(WAIT);
                    assertThat(refusal).isNotNull();
                    assertThat(refusal.command()).isEqualTo("ERROR");
                    assertThat(refusal.header("message"))
                            .contains("100")
                            .contains("configservice.push.max-sessions-per-caller")
                            .doesNotContain(token);
                    assertThat(oneTooMany.next("CLOSED", WAIT)).isNotNull();
                }
                try (RawStompClient otherCaller = connected(ADMIN_TOKEN)) {
                    assertThat(otherCaller.open()).isTrue();
                }
            } finally {
                for (RawStompClient session : sessions) {
                    session.close();
                }
            }
            // nothing stays behind: no count, so the second round gets all 100 places again
            await().atMost(WAIT).until(() -> sessionLimits.openSessions(caller) == 0);
        }
    }

    @Test
    void unacknowledgedMessagesPerSessionAreCappedWithAnErrorFrame() throws Exception {
        try (RawStompClient subscriber = connected(issueToken(victim))) {
            subscriber.send(
                    "SUBSCRIBE",
                    Map.of("id", "0", "destination", victimTopic, "receipt", "subscribed"),
                    "");
            assertThat(subscriber.next("RECEIPT", WAIT)).isNotNull();
            jdbc.update(
                    """
                    INSERT INTO event_outbox (destination, event_type, payload, created_at)
                    SELECT ?, 'configuration_changed', jsonb_build_object('id', 'cap-' || g, 'type',
                        'configuration_changed', 'timestamp', 0, 'data', '{}'::jsonb, 'acknowledgmentRequired', true),
                        now()
                    FROM generate_series(1, 1001) g""",
                    victimTopic);
            relay.wakeUp();

            Frame refusal = subscriber.next("ERROR", Duration.ofSeconds(30));
            assertThat(refusal)
                    .as("an ERROR frame once 1,000 messages wait for their ack")
                    .isNotNull();
            assertThat(refusal.header("message"))
                    .contains("1000")
                    .contains("configservice.push.max-unacknowledged-per-session");
            assertThat(subscriber.next("CLOSED", WAIT)).isNotNull();
        }
        await().atMost(WAIT).until(() -> tracker.pendingMessages() == 0);
    }

    /**
     * Asserts that the session was ended: an ERROR frame, then the close. Spring writes the ERROR
     * of a refused frame and closes at once, so an ERROR that meets another frame still being
     * written is dropped and only the close arrives; returns what came first.
     */
    private static Frame assertRefused(RawStompClient client, String what)
            throws InterruptedException {
        Frame first = client.next(WAIT);
        assertThat(first).as(what + " answered").isNotNull();
        assertThat(first.command()).as(what + " refused").isIn("ERROR", "CLOSED");
        if (first.command().equals("ERROR")) {
            assertThat(client.next("CLOSED", WAIT))
                    .as(what + ": session closed after the ERROR")
                    .isNotNull();
        }
        return first;
    }

    private RawStompClient connected(String token) throws Exception {
        RawStompClient client = RawStompClient.connect(port, token);
        Frame connected = client.next(WAIT);
        assertThat(connected).as("an answer to CONNECT").isNotNull();
        assertThat(connected.command())
                .as("CONNECT accepted: %s", connected.header("message"))
                .isEqualTo("CONNECTED");
        return client;
    }

    private StompTestClient subscribed(String token, String destination) throws Exception {
        return StompTestClient.subscribed(port, token, destination, WAIT);
    }

    private String forgedEvent(String id) {
        return """
                {"id":"%s","type":"configuration_changed","timestamp":0,"acknowledgmentRequired":true,
                 "data":{"serviceId":"%s","environment":"production","version":99,"changes":[]}}"""
                .formatted(id, victim)
                .replace("\n", "");
    }
}
