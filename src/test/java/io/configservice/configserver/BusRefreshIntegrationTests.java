package io.configservice.configserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Effective changes reach a queue bound to {@code springCloudBus} as the refresh event Spring Cloud
 * Bus applications consume. Needs RabbitMQ's AMQP port ({@code TEST_RABBITMQ_HOST}, {@code
 * TEST_RABBITMQ_AMQP_PORT}, default 5672): skipped with a message where none is reachable, failing
 * under {@code CI=true}.
 */
class BusRefreshIntegrationTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired private JdbcTemplate jdbc;

    private CachingConnectionFactory connections;
    private RabbitTemplate rabbit;
    private RabbitAdmin admin;
    private Queue queue;

    @BeforeEach
    void bindQueue() {
        String host = System.getenv().getOrDefault("TEST_RABBITMQ_HOST", "127.0.0.1");
        int port =
                Integer.parseInt(System.getenv().getOrDefault("TEST_RABBITMQ_AMQP_PORT", "5672"));
        requireBroker(host, port);
        connections = new CachingConnectionFactory(host, port);
        admin = new RabbitAdmin(connections);
        TopicExchange bus = new TopicExchange(BusRelay.EXCHANGE, true, false);
        queue = new Queue("bus-test-" + Long.toString(System.nanoTime(), 36), false, false, false);
        admin.declareExchange(bus);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue).to(bus).with("#"));
        rabbit = new RabbitTemplate(connections);
    }

    @AfterEach
    void closeConnection() {
        if (connections != null) {
            admin.deleteQueue(queue.getName());
            connections.destroy();
        }
    }

    @Test
    void anEffectiveChangeSendsOneRefreshEventAddressedToTheApplication() {
        String serviceId = uniqueServiceId("bus");
        String child = "bus" + Long.toString(System.nanoTime(), 36);
        createEnvironment(
                child,
                "\"name\":\"Child\",\"type\":\"production\",\"inheritsFrom\":[\"production\"]");

        createConfiguration(serviceId, "{\"greeting\":\"hello\"}");

        List<Message> received = eventsFor(serviceId, 1);
        assertThat(received)
                .as("production and its child changed: one refresh of the application")
                .hasSize(1);
        Message message = received.get(0);
        assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
        assertThat(message.getMessageProperties().<String>getHeader("contentType"))
                .isEqualTo("application/json");
        JsonNode event = readJson(message.getBody());
        assertThat(event.propertyNames())
                .containsExactly("type", "timestamp", "originService", "destinationService", "id");
        assertThat(event.get("type").asString()).isEqualTo("RefreshRemoteApplicationEvent");
        assertThat(event.get("destinationService").asString()).isEqualTo(serviceId + ":**");
        assertThat(event.get("originService").asString()).isEqualTo("config-service");
        assertThat(event.get("id").asString())
                .isEqualTo(message.getMessageProperties().getMessageId())
                .isNotBlank();
        assertThat(Instant.ofEpochMilli(event.get("timestamp").asLong()))
                .isAfter(Instant.now().minus(WAIT));
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM bus_outbox WHERE service_id = ?",
                                Integer.class,
                                serviceId))
                .as("confirmed events leave the outbox")
                .isZero();
    }

    @Test
    void aWriteThatLeavesTheEffectiveConfigurationAsItWasSendsNothing() {
        String serviceId = uniqueServiceId("bus-same");
        createConfiguration(serviceId, "{\"greeting\":\"hello\"}");
        assertThat(eventsFor(serviceId, 1)).hasSize(1);

        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"greeting\":\"hello\"},\"changeReason\":\"same\"}")
                .exchange()
                .expectStatus()
                .isOk();
        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"greeting\":\"changed\"},\"changeReason\":\"changed\"}")
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(eventsFor(serviceId, 1)).as("only the change").hasSize(1);
    }

    @Test
    void anEventLeftInTheOutboxIsSentByTheNextPoll() {
        String serviceId = uniqueServiceId("bus-left");
        String id = UUID.randomUUID().toString();
        // as a write leaves it when RabbitMQ cannot be reached at its commit: no wake-up follows,
        // only the poll
        jdbc.update(
                "INSERT INTO bus_outbox (event_id, service_id, payload, created_at) VALUES (?, ?, ?, now())",
                id,
                serviceId,
                "{\"type\":\"RefreshRemoteApplicationEvent\",\"timestamp\":1,\"originService\":"
                        + "\"config-service\",\"destinationService\":\""
                        + serviceId
                        + ":**\",\"id\":\""
                        + id
                        + "\"}");

        List<Message> received = eventsFor(serviceId, 1);

        assertThat(received).hasSize(1);
        assertThat(received.get(0).getMessageProperties().getMessageId()).isEqualTo(id);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM bus_outbox WHERE service_id = ?",
                                Integer.class,
                                serviceId))
                .isZero();
    }

    /**
     * The events for the application that arrive until {@code expected} came and a quiet second
     * passed.
     */
    private List<Message> eventsFor(String serviceId, int expected) {
        List<Message> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Message message =
                    rabbit.receive(queue.getName(), found.size() < expected ? 500 : 1_000);
            if (message == null) {
                if (found.size() >= expected) {
                    return found;
                }
                continue;
            }
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            if (body.contains("\"" + serviceId + ":**\"")) {
                found.add(message);
            }
        }
        return found;
    }

    private static void requireBroker(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            String message = "No RabbitMQ AMQP listener at " + host + ":" + port;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: " + message, e);
            }
            Assumptions.abort("Skipped: " + message);
        }
    }
}
