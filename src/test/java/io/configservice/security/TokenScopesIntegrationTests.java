package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.IntegrationTest;
import io.configservice.support.StompTestClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Token scopes, expiry, last-used time and revocation, on REST and on live STOMP sessions. */
class TokenScopesIntegrationTests extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired private JdbcTemplate jdbc;

    @Test
    void eachScopeAllowsExactlyItsOperations() {
        String serviceId = uniqueServiceId("scoped");
        createConfiguration(serviceId, "{\"a\":1}");
        storeCredential(serviceId + ".secret", "s3cr3t-value", serviceId);
        String readOnly = issueToken(serviceId, "config:read");
        String writeOnly = issueToken(serviceId, "config:write");
        String credentialsOnly = issueToken(serviceId, "credentials:read");

        as(readOnly)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();
        expectError(
                replaceConfiguration(
                        as(readOnly),
                        serviceId,
                        """
                        {"a":2}"""),
                403,
                "AUTHORIZATION_ERROR");
        as(readOnly)
                .get()
                .uri("/api/v1/credentials/{key}", serviceId + ".secret")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("This token lacks the credentials:read scope");

        replaceConfiguration(
                        as(writeOnly),
                        serviceId,
                        """
                        {"a":2}""")
                .expectStatus()
                .isOk();
        as(writeOnly)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden();

        as(credentialsOnly)
                .get()
                .uri("/api/v1/credentials/{key}", serviceId + ".secret")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.value")
                .isEqualTo("s3cr3t-value");
        as(credentialsOnly)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void tokenWithoutScopesGetsReadScopesOnly() {
        String serviceId = uniqueServiceId("defaults");
        createConfiguration(serviceId, "{\"a\":1}");
        JsonNode created = post("{\"serviceId\":\"" + serviceId + "\"}");
        assertThat(created.at("/data/scopes").toString())
                .isEqualTo("[\"config:read\",\"credentials:read\",\"events:subscribe\"]");
        String token = created.at("/data/token").asString();
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();
        as(token)
                .patch()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .body(
                        """
                        {"a":2}""")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void badScopesAndPastExpiryAreRefused() {
        expectError(
                        sendJson(
                                admin(),
                                HttpMethod.POST,
                                "/api/v1/tokens",
                                """
                        {"serviceId":"x","scopes":["config:delete"]}"""),
                        400,
                        "INVALID_REQUEST")
                .jsonPath("$.details['scopes[0]']")
                .value(
                        String.class,
                        reason ->
                                assertThat(reason)
                                        .contains("config:delete")
                                        .contains("config:read"));
        expectError(
                        sendJson(
                                admin(),
                                HttpMethod.POST,
                                "/api/v1/tokens",
                                """
                        {"serviceId":"x","scopes":"config:read"}"""),
                        400,
                        "INVALID_REQUEST")
                .jsonPath("$.details.scopes")
                .isEqualTo("has the wrong type or an unknown value");
        expectError(
                sendJson(
                        admin(),
                        HttpMethod.POST,
                        "/api/v1/tokens",
                        """
                        {"serviceId":"x","scopes":[]}"""),
                400,
                "INVALID_REQUEST");
        expectError(
                sendJson(
                        admin(),
                        HttpMethod.POST,
                        "/api/v1/tokens",
                        """
                        {"serviceId":"x","expiresAt":"2020-01-01T00:00:00Z"}"""),
                400,
                "INVALID_REQUEST");
    }

    @Test
    void expiredTokenIsRefusedEvenWhileRemembered() {
        String serviceId = uniqueServiceId("expiring");
        createConfiguration(serviceId, "{\"a\":1}");
        Instant expiry = Instant.now().plusSeconds(2);
        String token =
                post("{\"serviceId\":\"" + serviceId + "\",\"expiresAt\":\"" + expiry + "\"}")
                        .at("/data/token")
                        .asString();
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();
        await().atMost(WAIT)
                .untilAsserted(
                        () ->
                                as(token)
                                        .get()
                                        .uri("/api/v1/configurations/{id}", serviceId)
                                        .exchange()
                                        .expectStatus()
                                        .isUnauthorized());
    }

    @Test
    void listingShowsScopesExpiryAndLastUse() {
        String serviceId = uniqueServiceId("listed");
        createConfiguration(serviceId, "{\"a\":1}");
        Instant expiry = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        JsonNode created =
                post(
                        "{\"serviceId\":\""
                                + serviceId
                                + "\",\"scopes\":[\"config:read\"],"
                                + "\"expiresAt\":\""
                                + expiry
                                + "\",\"description\":\"ci reader\"}");
        String id = created.at("/data/id").asString();
        as(created.at("/data/token").asString())
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();

        JsonNode listed = awaitListed(id);
        assertThat(listed.path("scopes").toString()).isEqualTo("[\"config:read\"]");
        assertThat(listed.path("description").asString()).isEqualTo("ci reader");
        assertThat(Instant.parse(listed.path("expiresAt").asString())).isEqualTo(expiry);
        assertThat(listed.has("token")).isFalse();
    }

    @Test
    void revocationAnnouncedByAnotherReplicaIsHonouredAtOnce() {
        String serviceId = uniqueServiceId("elsewhere");
        createConfiguration(serviceId, "{\"a\":1}");
        String token = issueToken(serviceId);
        String id = TokenFormat.idOf(token);
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();

        // What the revoking replica does: mark the row and NOTIFY in one transaction. This replica
        // still remembers
        // the token as valid; only the notification can tell it otherwise within the remembered
        // checks' lifetime.
        jdbc.execute(
                "BEGIN; UPDATE service_tokens SET revoked_at = now() WHERE id = '"
                        + id
                        + "'; "
                        + "SELECT pg_notify('"
                        + TokenRevocationChannel.CHANNEL
                        + "', '"
                        + id
                        + "'); COMMIT;");

        awaitStatus(token, serviceId, 401);
    }

    @Test
    void revocationEndsALiveStompSession() throws Exception {
        String serviceId = uniqueServiceId("live");
        String token = issueToken(serviceId);
        String id = TokenFormat.idOf(token);
        try (StompTestClient client =
                StompTestClient.connect(port, token).get(10, TimeUnit.SECONDS)) {
            client.subscribe("/topic/config." + serviceId + ".production");
            createConfiguration(serviceId, "{\"a\":1}");
            assertThat(client.next("configuration_changed", WAIT)).isNotNull();

            admin().delete().uri("/api/v1/tokens/{id}", id).exchange().expectStatus().isNoContent();

            assertThat(client.nextError(WAIT)).contains("revoked");
            replaceConfiguration(
                            admin(),
                            serviceId,
                            """
                            {"a":2}""")
                    .expectStatus()
                    .isOk();
            assertThat(client.next("configuration_changed", Duration.ofSeconds(2))).isNull();
        }
        assertThat(StompTestClient.connect(port, token)).failsWithin(WAIT);
    }

    @Test
    void expiryEndsALiveStompSession() throws Exception {
        String serviceId = uniqueServiceId("lapsing");
        Instant expiry = Instant.now().plusSeconds(2);
        String token =
                post("{\"serviceId\":\"" + serviceId + "\",\"expiresAt\":\"" + expiry + "\"}")
                        .at("/data/token")
                        .asString();
        try (StompTestClient client =
                StompTestClient.connect(port, token).get(10, TimeUnit.SECONDS)) {
            client.subscribe("/topic/config." + serviceId + ".production");
            assertThat(client.nextError(WAIT)).contains("expired");
        }
    }

    @Test
    void subscribeNeedsTheEventsScope() throws Exception {
        String serviceId = uniqueServiceId("mute");
        String token = issueToken(serviceId, "config:read");
        try (StompTestClient client =
                StompTestClient.connect(port, token).get(10, TimeUnit.SECONDS)) {
            client.subscribe("/topic/config." + serviceId + ".production");
            assertThat(client.nextError(WAIT)).contains("SUBSCRIBE refused");
        }
    }

    private JsonNode post(String body) {
        byte[] response =
                sendJson(admin(), HttpMethod.POST, "/api/v1/tokens", body)
                        .expectStatus()
                        .isCreated()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        return json.readTree(response);
    }

    private JsonNode awaitListed(String id) {
        return await("lastUsedAt of token " + id + " written")
                .atMost(WAIT)
                .until(() -> listedWithLastUse(id), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<JsonNode> listedWithLastUse(String id) {
        byte[] body =
                admin().get()
                        .uri("/api/v1/tokens")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        for (JsonNode token : json.readTree(body).path("data")) {
            if (token.path("id").asString().equals(id)
                    && !token.path("lastUsedAt").isNull()
                    && token.has("lastUsedAt")) {
                return Optional.of(token);
            }
        }
        return Optional.empty();
    }

    private void awaitStatus(String token, String serviceId, int status) {
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .untilAsserted(
                        () ->
                                as(token)
                                        .get()
                                        .uri("/api/v1/configurations/{id}", serviceId)
                                        .exchange()
                                        .expectStatus()
                                        .isEqualTo(status));
    }
}
