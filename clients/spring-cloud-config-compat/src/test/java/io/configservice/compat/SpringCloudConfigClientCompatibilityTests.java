package io.configservice.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.configservice.testserver.AdminClient;
import io.configservice.testserver.ConfigServiceProcess;
import io.configservice.testserver.TestInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The drop-in promise: a Spring Boot application with the stock {@code spring-cloud-starter-config}
 * and {@code spring-cloud-starter-bus-amqp}, configured like for a Spring Cloud Config Server
 * except for the URL and the token header, against the real server process (behind RabbitMQ: STOMP
 * relay, and AMQP for the bus).
 */
class SpringCloudConfigClientCompatibilityTests {

    private static final String RABBIT_HOST = variable("TEST_RABBITMQ_HOST", "127.0.0.1");
    private static final String RABBIT_AMQP_PORT = variable("TEST_RABBITMQ_AMQP_PORT", "5672");
    private static final Duration BUS_WAIT = Duration.ofSeconds(30);

    private static ConfigServiceProcess server;
    private static AdminClient admin;

    @BeforeAll
    static void startServer() {
        requireBroker(RABBIT_HOST, Integer.parseInt(RABBIT_AMQP_PORT));
        Map<String, String> environment = new HashMap<>(TestInfrastructure.rabbitRelay());
        environment.put("AMQP_PORT", RABBIT_AMQP_PORT);
        server = ConfigServiceProcess.start(environment);
        admin = server.admin();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void valueAndConfigurationPropertiesHoldStoredValuesAndTheNewOnesAfterActuatorRefresh()
            throws Exception {
        String application = application("refresh");
        admin.putConfiguration(
                application,
                "production",
                Map.of(
                        "greeting",
                        "hello",
                        "app",
                        Map.of("timeout", 5, "servers", List.of("a", "b"))));
        String token = admin.issueToken(application, "config:read");

        try (ConfigurableApplicationContext context =
                start(application, token, false, "configserver:")) {
            assertThat(context.getBean(ClientApplication.Greeting.class).text()).isEqualTo("hello");
            ClientApplication.AppProperties properties =
                    context.getBean(ClientApplication.AppProperties.class);
            assertThat(properties.getTimeout()).isEqualTo(5);
            assertThat(properties.getServers()).containsExactly("a", "b");

            admin.putConfiguration(
                    application,
                    "production",
                    Map.of(
                            "greeting",
                            "changed",
                            "app",
                            Map.of("timeout", 7, "servers", List.of("c"))));
            assertThat(refresh(context)).contains("greeting", "app.timeout");

            assertThat(context.getBean(ClientApplication.Greeting.class).text())
                    .isEqualTo("changed");
            assertThat(properties.getTimeout()).isEqualTo(7);
            assertThat(properties.getServers()).containsExactly("c");
        }
    }

    @Test
    void withTheBusTheApplicationRefreshesByItselfAfterAChange() {
        String application = application("bus");
        admin.putConfiguration(
                application,
                "production",
                Map.of("greeting", "hello", "app", Map.of("timeout", 5)));
        String token = admin.issueToken(application, "config:read");

        try (ConfigurableApplicationContext context =
                start(application, token, true, "configserver:")) {
            ClientApplication.AppProperties properties =
                    context.getBean(ClientApplication.AppProperties.class);
            assertThat(properties.getTimeout()).isEqualTo(5);

            admin.putConfiguration(
                    application,
                    "production",
                    Map.of("greeting", "pushed", "app", Map.of("timeout", 9)));

            await().atMost(BUS_WAIT)
                    .untilAsserted(
                            () -> {
                                assertThat(properties.getTimeout()).isEqualTo(9);
                                assertThat(context.getBean(ClientApplication.Greeting.class).text())
                                        .isEqualTo("pushed");
                            });
        }
    }

    @Test
    void aTokenOfAnotherServiceGetsNothing() {
        String application = application("private");
        admin.putConfiguration(application, "production", Map.of("greeting", "secret-plan"));
        String otherToken = admin.issueToken(application("other"), "config:read");

        assertThatThrownBy(() -> start(application, otherToken, false, "configserver:").close())
                .as("a required import fails the start")
                .hasRootCauseInstanceOf(HttpClientErrorException.Forbidden.class);
        try (ConfigurableApplicationContext context =
                start(application, otherToken, false, "optional:configserver:")) {
            assertThat(context.getEnvironment().getProperty("greeting"))
                    .as("an optional import starts empty")
                    .isNull();
            assertThat(context.getBean(ClientApplication.Greeting.class).text()).isNull();
        }
    }

    /**
     * Starts the application the way a migrating team configures it; only the URL and the header
     * are new.
     */
    private static ConfigurableApplicationContext start(
            String application, String token, boolean bus, String importPrefix) {
        Map<String, Object> properties =
                new HashMap<>(
                        Map.of(
                                "spring.application.name",
                                application,
                                "spring.profiles.active",
                                "production",
                                "spring.config.import",
                                importPrefix + server.baseUri() + "/config-server",
                                "spring.cloud.config.headers.X-Service-Token",
                                token,
                                "server.port",
                                "0",
                                "management.endpoints.web.exposure.include",
                                "refresh",
                                "spring.cloud.bus.enabled",
                                Boolean.toString(bus),
                                "spring.rabbitmq.host",
                                RABBIT_HOST,
                                "spring.rabbitmq.port",
                                RABBIT_AMQP_PORT));
        // The bus's default anonymous queue carries x-queue-leader-locator (Spring AMQP 4), which
        // RabbitMQ 3.10 (the
        // test machine's) refuses for classic queues. A queue of its own per instance, deleted with
        // its consumer,
        // is what the anonymous queue is on a newer RabbitMQ; the setting is the application's, not
        // the server's.
        properties.put(
                "spring.cloud.stream.bindings.springCloudBusInput.group",
                application + "-instance");
        properties.put(
                "spring.cloud.stream.rabbit.bindings.springCloudBusInput.consumer.durable-subscription",
                "false");
        return new SpringApplicationBuilder(ClientApplication.class).properties(properties).run();
    }

    private static String refresh(ConfigurableApplicationContext context)
            throws IOException, InterruptedException {
        URI uri =
                URI.create(
                        "http://127.0.0.1:"
                                + context.getEnvironment().getProperty("local.server.port")
                                + "/actuator/refresh");
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(uri)
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String application(String prefix) {
        return "scc-" + prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static void requireBroker(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            String message = "No RabbitMQ AMQP listener at " + host + ":" + port;
            if (TestInfrastructure.continuousIntegration()) {
                throw new IllegalStateException("CI=true: " + message, e);
            }
            org.junit.jupiter.api.Assumptions.abort("Skipped: " + message);
        }
    }

    private static String variable(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
