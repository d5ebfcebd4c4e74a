package io.configservice.events;

import static io.configservice.support.StandaloneInstance.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.IntegrationTest;
import io.configservice.support.StandaloneInstance;
import io.configservice.support.StompTestClient;
import io.configservice.support.StompTestClient.Received;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.MessageChannel;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Two application instances on one PostgreSQL and one RabbitMQ (STOMP relay): a client connected to
 * instance A receives the event of a write made on instance B, exactly once, and a parent's write
 * reaches the subscribers of a child environment on both instances. Needs a RabbitMQ with {@code
 * rabbitmq_stomp} ({@code TEST_RABBITMQ_HOST}, port {@code TEST_RABBITMQ_STOMP_PORT}, default
 * 61613); skipped with a message where none is reachable, and failing under {@code CI=true}.
 */
class RelayFanOutIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static String host;
    private static int port;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void twoInstancesBehindTheRelay() {
        host = System.getenv().getOrDefault("TEST_RABBITMQ_HOST", "127.0.0.1");
        port = Integer.parseInt(System.getenv().getOrDefault("TEST_RABBITMQ_STOMP_PORT", "61613"));
        requireBroker(host, port);
        a = start(host, port);
        b = start(host, port);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext instance :
                new ConfigurableApplicationContext[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void aParentWriteReachesTheChildsSubscribersOnBothInstancesAndNoUnchangedEnvironment()
            throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        String parent = "rp-" + suffix;
        String child = "rc-" + suffix;
        String masked = "rm-" + suffix;
        String serviceId = "relay-parent-" + suffix;
        RestTestClient adminOnB = admin(b);
        for (String definition :
                new String[] {
                    "{\"id\":\"" + parent + "\",\"name\":\"p\",\"type\":\"staging\"}",
                    "{\"id\":\""
                            + child
                            + "\",\"name\":\"c\",\"type\":\"production\",\"inheritsFrom\":[\""
                            + parent
                            + "\"]}",
                    "{\"id\":\""
                            + masked
                            + "\",\"name\":\"m\",\"type\":\"production\",\"inheritsFrom\":[\""
                            + parent
                            + "\"],\"configurationOverrides\":{\"level\":\"fixed\"}}"
                }) {
            adminOnB.post()
                    .uri("/api/v1/environments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(definition)
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        writeLayer(adminOnB, serviceId, parent, "{\"level\":\"info\"}");
        try (StompTestClient onA =
                        StompTestClient.connect(port(a), IntegrationTest.ADMIN_TOKEN)
                                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                StompTestClient onB =
                        StompTestClient.connect(port(b), IntegrationTest.ADMIN_TOKEN)
                                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                StompTestClient maskedOnA =
                        StompTestClient.connect(port(a), IntegrationTest.ADMIN_TOKEN)
                                .get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            assertThat(onA.subscribeConfirmed("/topic/config." + serviceId + "." + child, WAIT))
                    .isTrue();
            assertThat(onB.subscribeConfirmed("/topic/config." + serviceId + "." + child, WAIT))
                    .isTrue();
            assertThat(
                            maskedOnA.subscribeConfirmed(
                                    "/topic/config." + serviceId + "." + masked, WAIT))
                    .isTrue();

            writeLayer(adminOnB, serviceId, parent, "{\"level\":\"debug\"}");

            for (StompTestClient client : new StompTestClient[] {onA, onB}) {
                Received received = client.next("configuration_changed", WAIT);
                assertThat(received).isNotNull();
                assertThat(received.body().at("/data/environment").asString()).isEqualTo(child);
                assertThat(received.body().at("/data/revision").asLong()).isEqualTo(2);
                assertThat(received.body().at("/data/cause/environment").asString())
                        .isEqualTo(parent);
                assertThat(received.body().at("/data/changes/0/path").asString())
                        .isEqualTo("level");
                assertThat(received.body().at("/data/changes/0/newValue").asString())
                        .isEqualTo("debug");
                client.acknowledge(received.body().get("id").asString());
            }
            assertThat(maskedOnA.next(Duration.ofSeconds(2)))
                    .as("an override masks the change: no event")
                    .isNull();
        }
    }

    @Test
    void eventWrittenOnOneInstanceReachesAClientOfAnotherExactlyOnce() throws Exception {
        String serviceId = "relay-" + Long.toString(System.nanoTime(), 36);
        try (StompTestClient client =
                StompTestClient.subscribed(
                        port(a),
                        IntegrationTest.ADMIN_TOKEN,
                        "/topic/config." + serviceId + ".production",
                        WAIT)) {

            admin(b).post()
                    .uri("/api/v1/configurations/{id}", serviceId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            """
                            {"configuration":{"via":"b"}}""")
                    .exchange()
                    .expectStatus()
                    .isCreated();

            Received received = client.next("configuration_changed", WAIT);
            assertThat(received).isNotNull();
            assertThat(received.body().at("/data/serviceId").asString()).isEqualTo(serviceId);
            client.acknowledge(received.body().get("id").asString());

            // another RabbitMQ publisher replays the frame's headers, signature included, with a
            // body of its own
            String signature = received.headers().getFirst(FrameSignatures.HEADER);
            assertThat(signature).isNotBlank();
            injectIntoBroker(
                    host,
                    port,
                    "/topic/config." + serviceId + ".production",
                    Map.of(
                            "event-id",
                            received.body().get("id").asString(),
                            "ack-required",
                            "true",
                            FrameSignatures.HEADER,
                            signature),
                    "{\"forged\":true," + received.body().toString().substring(1));
            assertThat(client.next(Duration.ofSeconds(2)))
                    .as("no second copy, no injected frame")
                    .isNull();
        }
        RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port(a))
                .build()
                .get()
                .uri("/api/v1/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.checks[?(@.name == 'websocketBroker')].mode")
                .isEqualTo("rabbitmq-relay");
    }

    @Test
    void aClientBehindABacklogGetsOnlyTheNewestRevisionThroughTheRelay() throws Exception {
        String serviceId = "relay-backlog-" + Long.toString(System.nanoTime(), 36);
        RestTestClient adminOnB = admin(b);
        writeLayer(adminOnB, serviceId, "production", "{\"r\":0}");
        MeterRegistry meters = a.getBean(MeterRegistry.class);
        try (StompTestClient client =
                StompTestClient.subscribed(
                        port(a),
                        IntegrationTest.ADMIN_TOKEN,
                        "/topic/config." + serviceId + ".production",
                        WAIT)) {
            // the subscription is live once a write made after it arrives (the first write's event
            // may have been published before it, or may still come)
            writeLayer(adminOnB, serviceId, "production", "{\"r\":1}");
            Received first;
            do {
                first = client.next("configuration_changed", WAIT);
                assertThat(first).isNotNull();
                client.acknowledge(first.body().get("id").asString());
            } while (first.body().at("/data/changes/0/newValue").asInt() != 1);
            double coalescedBefore = meters.counter("configservice.push.coalesced").count();
            try (OutboundChannelHold held =
                    OutboundChannelHold.hold(
                            a.getBean("clientOutboundChannel", MessageChannel.class))) {
                for (int r = 2; r <= 5; r++) {
                    writeLayer(adminOnB, serviceId, "production", "{\"r\":" + r + "}");
                }
                // r2's task is queued behind the hold; r3, r4 and r5 each replace the revision
                // waiting to be handed off by it
                await().atMost(WAIT)
                        .until(
                                () ->
                                        meters.counter("configservice.push.coalesced").count()
                                                >= coalescedBefore + 3);
            }

            Received newest = client.next("configuration_changed", WAIT);
            assertThat(newest).isNotNull();
            assertThat(newest.body().at("/data/changes/0/newValue").asInt()).isEqualTo(5);
            assertThat(newest.body().at("/data/changes/0/oldValue").asInt()).isEqualTo(4);
            client.acknowledge(newest.body().get("id").asString());
            Received more = client.next("configuration_changed", Duration.ofMillis(1_500));
            assertThat(more == null ? null : more.body().get("id"))
                    .as("no older revision after the newest, at most its redelivery")
                    .isIn(null, newest.body().get("id"));
        }
    }

    private static RestTestClient admin(ConfigurableApplicationContext instance) {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port(instance))
                .defaultHeader("X-Service-Token", IntegrationTest.ADMIN_TOKEN)
                .build();
    }

    private static void writeLayer(
            RestTestClient admin, String serviceId, String environment, String document) {
        admin.put()
                .uri("/api/v1/configurations/{id}/environments/{e}", serviceId, environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"configuration":%s}"""
                                .formatted(document))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static ConfigurableApplicationContext start(String brokerHost, int brokerPort) {
        return StandaloneInstance.start(
                "--BROKER_RELAY_HOST=" + brokerHost, "--BROKER_RELAY_PORT=" + brokerPort);
    }

    /**
     * Publishes one frame straight to RabbitMQ's STOMP adapter, as any other client of the broker
     * could.
     */
    private static void injectIntoBroker(
            String host, int port, String destination, Map<String, String> headers, String body)
            throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(
                    "CONNECT\naccept-version:1.2\nhost:/\nlogin:guest\npasscode:guest\n\n\0"
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(readFrame(in)).startsWith("CONNECTED");
            StringBuilder send =
                    new StringBuilder("SEND\ndestination:")
                            .append(destination)
                            .append("\ncontent-type:application/json\n");
            headers.forEach(
                    (name, value) -> send.append(name).append(':').append(value).append('\n'));
            send.append('\n').append(body).append('\0');
            out.write(send.toString().getBytes(StandardCharsets.UTF_8));
            out.write("DISCONNECT\nreceipt:injected\n\n\0".getBytes(StandardCharsets.UTF_8));
            assertThat(readFrame(in)).as("RabbitMQ took the frame").startsWith("RECEIPT");
        }
    }

    private static String readFrame(InputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        for (int b = in.read(); b > 0 || b == 0 && frame.size() == 0; b = in.read()) {
            if (b != 0 && !(frame.size() == 0 && (b == '\n' || b == '\r'))) {
                frame.write(b);
            }
        }
        return frame.toString(StandardCharsets.UTF_8);
    }

    private static void requireBroker(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            String message =
                    "No RabbitMQ STOMP listener at "
                            + host
                            + ":"
                            + port
                            + " (enable rabbitmq_stomp)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: " + message, e);
            }
            Assumptions.abort("Skipped: " + message);
        }
    }
}
