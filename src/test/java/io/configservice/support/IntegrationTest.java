package io.configservice.support;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: the whole application on a random port against the shared real
 * PostgreSQL and Redis of {@link TestInfrastructure}. Subclasses add no configuration of their own,
 * so one Spring context serves them all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DomainEventRecorder.class)
public abstract class IntegrationTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmn";

    /** The environment whose writes must carry If-Match in tests. */
    public static final String GUARDED_ENVIRONMENT = "guarded";

    @LocalServerPort protected int port;

    protected RestTestClient http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.Database database = TestInfrastructure.database();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        TestInfrastructure.Redis redis = TestInfrastructure.redis();
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
        registry.add("configservice.admin-token", () -> ADMIN_TOKEN);
        registry.add("configservice.jwt.secret", () -> TestJwts.SECRET);
        registry.add("configservice.jwt.issuer", () -> TestJwts.ISSUER);
        registry.add("configservice.data-dir", () -> "target/test-data");
        registry.add("configservice.require-if-match", () -> GUARDED_ENVIRONMENT);
        registry.add("configservice.push.ack-timeout", () -> "1s");
        registry.add("configservice.push.ack-check-interval", () -> "200ms");
        registry.add("configservice.push.max-redeliveries", () -> "2");
        registry.add("configservice.tokens.last-used-flush-interval", () -> "2s");
        // One client address makes every test's requests; the limits themselves are tested on their
        // own instances.
        registry.add("configservice.rate-limit.ip-capacity", () -> "1000000");
        registry.add("configservice.rate-limit.failed-authentication-capacity", () -> "1000000");
        registry.add("configservice.push.session-check-interval", () -> "200ms");
        // Tests count every revision of a subject they write: a relay only seconds behind on a
        // loaded machine must not coalesce them (PushBacklogIntegrationTests tests the coalescing).
        registry.add("configservice.push.relay-coalesce-after", () -> "10s");
        registry.add("configservice.effective.change-log-size", () -> "5");
        registry.add(
                "configservice.bus.host",
                () -> System.getenv().getOrDefault("TEST_RABBITMQ_HOST", "127.0.0.1"));
        registry.add(
                "configservice.bus.port",
                () -> System.getenv().getOrDefault("TEST_RABBITMQ_AMQP_PORT", "5672"));
        registry.add("configservice.bus.poll-interval", () -> "200ms");
    }

    @Autowired protected JsonMapper json;

    @Autowired protected DomainEventRecorder events;

    @BeforeEach
    void bindClient() {
        http = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** A client that sends the given service token on every request. */
    protected RestTestClient as(String token) {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("X-Service-Token", token)
                .build();
    }

    protected RestTestClient admin() {
        return as(ADMIN_TOKEN);
    }

    /** Creates version 1 of a configuration in production as the admin. */
    protected void createConfiguration(String serviceId, String documentJson) {
        sendJson(
                        admin(),
                        HttpMethod.POST,
                        "/api/v1/configurations/{id}",
                        """
                        {"configuration":%s,"changeReason":"test setup"}"""
                                .formatted(documentJson),
                        serviceId)
                .expectStatus()
                .isCreated();
    }

    /** Replaces the service's configuration in production with the document as the client. */
    protected static RestTestClient.ResponseSpec replaceConfiguration(
            RestTestClient client, String serviceId, String documentJson) {
        return sendJson(
                client,
                HttpMethod.PUT,
                "/api/v1/configurations/{id}",
                """
                {"configuration":%s}"""
                        .formatted(documentJson),
                serviceId);
    }

    /**
     * Creates an environment as the admin; {@code definition} holds the body's members after the
     * id.
     */
    protected void createEnvironment(String id, String definition) {
        sendJson(
                        admin(),
                        HttpMethod.POST,
                        "/api/v1/environments",
                        """
                        {"id":"%s",%s}"""
                                .formatted(id, definition))
                .expectStatus()
                .isCreated();
    }

    /** Issues a token bound to the service with every scope and returns it. */
    protected String issueToken(String serviceId) {
        return issueToken(
                serviceId, "config:read", "config:write", "credentials:read", "events:subscribe");
    }

    /** Issues a token bound to the service with exactly these scopes and returns it. */
    protected String issueToken(String serviceId, String... scopes) {
        Map<String, Object> request =
                Map.of("serviceId", serviceId, "description", "test", "scopes", List.of(scopes));
        byte[] body =
                sendJson(
                                admin(),
                                HttpMethod.POST,
                                "/api/v1/tokens",
                                json.writeValueAsString(request))
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        return json.readTree(body).at("/data/token").asString();
    }

    /** Stores a credential of the service in production as the admin. */
    protected void storeCredential(String key, String value, String serviceId) {
        sendJson(
                        admin(),
                        HttpMethod.POST,
                        "/api/v1/credentials",
                        """
                        {"key":"%s","value":"%s","type":"api_key","serviceId":"%s","environment":"production"}"""
                                .formatted(key, value, serviceId))
                .expectStatus()
                .isCreated();
    }

    /**
     * A client that authenticates as an operator with a JWT for the subject and roles, signed with
     * the test secret.
     */
    protected RestTestClient operator(String subject, String... roles) {
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestJwts.sign(subject, roles))
                .build();
    }

    /** Sends the JSON body with the method to the uri as the client and returns the response. */
    protected static RestTestClient.ResponseSpec sendJson(
            RestTestClient client,
            HttpMethod method,
            String uri,
            String body,
            Object... uriVariables) {
        return client.method(method)
                .uri(uri, uriVariables)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange();
    }

    /**
     * Asserts the response is the error envelope with this status and error code, and returns its
     * body for further checks.
     */
    protected static RestTestClient.BodyContentSpec expectError(
            RestTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    protected JsonNode readJson(byte[] body) {
        return json.readTree(body);
    }

    /** GETs the uri as the client, asserts 200 and returns the parsed body. */
    protected JsonNode getOk(RestTestClient client, String uri, Object... uriVariables) {
        return readJson(
                client.get()
                        .uri(uri, uriVariables)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody());
    }

    /** A service id no other test uses, so tests share one database without cleaning it. */
    protected static String uniqueServiceId(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
