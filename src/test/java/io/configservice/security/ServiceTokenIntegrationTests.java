package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

class ServiceTokenIntegrationTests extends IntegrationTest {

    @Autowired private JdbcTemplate jdbc;

    @Test
    void apiNeedsATokenButHealthDoesNot() {
        http.get()
                .uri("/api/v1/configurations/anything")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.success")
                .isEqualTo(false)
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
        as("not-a-real-token")
                .get()
                .uri("/api/v1/configurations/anything")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
        as("cst_abcdefghijklmnop." + "A".repeat(43))
                .get()
                .uri("/api/v1/configurations/anything")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        sendJson(
                        http,
                        HttpMethod.POST,
                        "/api/v1/tokens",
                        """
                {"serviceId":"x"}""")
                .expectStatus()
                .isUnauthorized();
        http.get().uri("/api/v1/health").exchange().expectStatus().isOk();
    }

    @Test
    void serviceTokenReadsAndWritesOnlyItsOwnService() {
        String mine = uniqueServiceId("mine");
        String theirs = uniqueServiceId("theirs");
        createConfiguration(mine, "{\"a\":1}");
        createConfiguration(theirs, "{\"b\":2}");
        String token = issueToken(mine);

        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", mine)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.a")
                .isEqualTo(1);
        replaceConfiguration(
                        as(token),
                        mine,
                        """
                        {"a":3}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2);

        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", theirs)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("AUTHORIZATION_ERROR");
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}/b", theirs)
                .exchange()
                .expectStatus()
                .isForbidden();
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}/versions", theirs)
                .exchange()
                .expectStatus()
                .isForbidden();
        replaceConfiguration(
                        as(token),
                        theirs,
                        """
                        {"b":9}""")
                .expectStatus()
                .isForbidden();
        as(token)
                .post()
                .uri("/api/v1/configurations/{id}/versions/1/rollback", theirs)
                .exchange()
                .expectStatus()
                .isForbidden();
        sendJson(
                        as(token),
                        HttpMethod.POST,
                        "/api/v1/configurations/{id}",
                        """
                        {"configuration":{}}""",
                        uniqueServiceId("new"))
                .expectStatus()
                .isForbidden();
        admin().get()
                .uri("/api/v1/configurations/{id}", theirs)
                .exchange()
                .expectBody()
                .jsonPath("$.data.b")
                .isEqualTo(2);
    }

    @Test
    void onlyTheAdminManagesTokens() {
        String serviceId = uniqueServiceId("svc");
        String token = issueToken(serviceId);
        expectError(
                sendJson(
                        as(token),
                        HttpMethod.POST,
                        "/api/v1/tokens",
                        """
                        {"serviceId":"%s"}"""
                                .formatted(serviceId)),
                403,
                "AUTHORIZATION_ERROR");
        as(token).get().uri("/api/v1/tokens").exchange().expectStatus().isForbidden();
        as(token).delete().uri("/api/v1/tokens/admin").exchange().expectStatus().isForbidden();
        expectError(
                        sendJson(
                                admin(),
                                HttpMethod.POST,
                                "/api/v1/tokens",
                                """
                        {"serviceId":"Bad Id"}"""),
                        400,
                        "INVALID_REQUEST")
                .jsonPath("$.details.serviceId")
                .exists();
    }

    @Test
    void tokenIsShownOnceAndStoredOnlyAsHash() {
        String serviceId = uniqueServiceId("hashed");
        String token = issueToken(serviceId);
        String id = TokenFormat.idOf(token);

        String stored =
                jdbc.queryForObject(
                        "SELECT token_hash FROM service_tokens WHERE id = ?", String.class, id);
        assertThat(stored)
                .isEqualTo(TokenFormat.hash(token))
                .doesNotContain(token.substring(token.indexOf('.') + 1));
        Integer rowsWithToken =
                jdbc.queryForObject(
                        "SELECT count(*) FROM service_tokens t WHERE row_to_json(t)::text LIKE ?",
                        Integer.class,
                        "%" + token.substring(token.indexOf('.') + 1) + "%");
        assertThat(rowsWithToken).isZero();

        admin().get()
                .uri("/api/v1/tokens")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(
                        body ->
                                assertThat(body)
                                        .contains(id)
                                        .doesNotContain(token)
                                        .doesNotContain(stored));
    }

    @Test
    void revokedTokenIsRefusedAtOnce() {
        String serviceId = uniqueServiceId("revoked");
        createConfiguration(serviceId, "{\"a\":1}");
        String token = issueToken(serviceId);
        String id = TokenFormat.idOf(token);
        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk();

        admin().delete().uri("/api/v1/tokens/{id}", id).exchange().expectStatus().isNoContent();

        as(token)
                .get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED");
        admin().get()
                .uri("/api/v1/tokens")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain(id));
        admin().delete()
                .uri("/api/v1/tokens/{id}", "nosuchtoken12345")
                .exchange()
                .expectStatus()
                .isNotFound();
        admin().delete().uri("/api/v1/tokens/admin").exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void configuredAdminTokenReplacesAnyGeneratedOne() {
        List<String> admins =
                jdbc.queryForList(
                        "SELECT token_hash FROM service_tokens WHERE admin", String.class);
        assertThat(admins).containsExactly(TokenFormat.hash(ADMIN_TOKEN));
    }
}
