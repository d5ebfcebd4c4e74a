package io.configservice.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every admin action writes an audit row, readable through the audit API by its operation name,
 * with the actor and the target, and never a secret: token issue and revoke, approval-policy put
 * and delete, schema put, rotation policy create, update and delete, key rotation and rewrap.
 */
class AdminAuditIntegrationTests extends IntegrationTest {

    @Autowired private JdbcTemplate jdbc;

    @Test
    void refusesAConfigurationAuditCursorThatHoldsNoPosition() {
        String notAPosition =
                Base64.getUrlEncoder().encodeToString("abc".getBytes(StandardCharsets.UTF_8));
        admin().get()
                .uri("/api/v1/audit/configurations?cursor={c}", notAPosition)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void everyAdminActionLeavesAnAuditRow() {
        String serviceId = uniqueServiceId("admin-audit");
        String environment = uniqueServiceId("adm");
        createEnvironment(environment, "\"name\":\"Audited\",\"type\":\"staging\"");
        List<String> responses = new ArrayList<>();

        JsonNode issued =
                body(
                        admin().post()
                                .uri("/api/v1/tokens")
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(
                                        """
                        {"serviceId":"%s","scopes":["config:read"],"description":"ci"}"""
                                                .formatted(serviceId))
                                .exchange()
                                .expectStatus()
                                .isCreated()
                                .expectBody()
                                .returnResult()
                                .getResponseBody());
        String tokenId = issued.at("/data/id").asString();
        String token = issued.at("/data/token").asString();
        admin().delete()
                .uri("/api/v1/tokens/{id}", tokenId)
                .exchange()
                .expectStatus()
                .isNoContent();

        admin().put()
                .uri("/api/v1/approval-policies/{e}", environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"requiredApprovals":2,"expiresAfter":"PT1H"}""")
                .exchange()
                .expectStatus()
                .isOk();
        admin().delete()
                .uri("/api/v1/approval-policies/{e}", environment)
                .exchange()
                .expectStatus()
                .isNoContent();

        admin().put()
                .uri("/api/v1/configurations/{s}/schema?description=first", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"type":"object"}""")
                .exchange()
                .expectStatus()
                .isOk();

        String policyName = uniqueServiceId("policy");
        String policyId =
                body(admin().post()
                                .uri("/api/v1/rotation-policies")
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(
                                        """
                        {"name":"%s","rotationInterval":"P30D"}"""
                                                .formatted(policyName))
                                .exchange()
                                .expectStatus()
                                .isCreated()
                                .expectBody()
                                .returnResult()
                                .getResponseBody())
                        .at("/data/id")
                        .asString();
        admin().put()
                .uri("/api/v1/rotation-policies/{id}", policyId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"name":"%s","rotationInterval":"P60D","gracePeriod":"PT1H"}"""
                                .formatted(policyName))
                .exchange()
                .expectStatus()
                .isOk();
        admin().delete()
                .uri("/api/v1/rotation-policies/{id}", policyId)
                .exchange()
                .expectStatus()
                .isNoContent();

        admin().post().uri("/api/v1/keys/rotate").exchange().expectStatus().isOk();
        admin().post().uri("/api/v1/keys/rewrap").exchange().expectStatus().isOk();

        JsonNode policyRows =
                auditPage(
                        responses,
                        "/api/v1/audit/configurations?serviceId=*&environment=" + environment);
        assertThat(operations(policyRows))
                .containsExactly("APPROVAL_POLICY_DELETE", "APPROVAL_POLICY_PUT", "ENV_CREATE");
        assertThat(policyRows.get(1).path("actor").asString()).isEqualTo("token:admin");
        assertThat(strings(policyRows.get(1).path("changedKeys")))
                .containsExactly("requiredApprovals=2", "expiresAfter=PT1H");

        JsonNode schemaRows =
                auditPage(responses, "/api/v1/audit/configurations?serviceId=" + serviceId);
        assertThat(operations(schemaRows)).containsExactly("SCHEMA_PUT");
        assertThat(schemaRows.get(0).path("environment").asString()).isEqualTo("*");
        assertThat(schemaRows.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(schemaRows.get(0).path("actor").asString()).isEqualTo("token:admin");

        JsonNode tokenRows =
                auditPage(responses, "/api/v1/audit/credentials?serviceId=" + serviceId);
        assertThat(operations(tokenRows)).containsExactly("TOKEN_REVOKE", "TOKEN_ISSUE");
        for (JsonNode row : tokenRows) {
            assertThat(row.path("actor").asString()).isEqualTo("token:admin");
            assertThat(row.path("granted").asBoolean()).isTrue();
            assertThat(row.at("/details/tokenId").asString()).isEqualTo(tokenId);
        }
        assertThat(strings(tokenRows.get(1).at("/details/scopes"))).containsExactly("config:read");

        List<JsonNode> policyChanges = new ArrayList<>();
        for (String operation :
                List.of(
                        "ROTATION_POLICY_CREATE",
                        "ROTATION_POLICY_UPDATE",
                        "ROTATION_POLICY_DELETE")) {
            auditPage(responses, "/api/v1/audit/credentials?limit=500&operation=" + operation)
                    .forEach(
                            row -> {
                                if (policyId.equals(row.at("/details/policyId").asString(""))) {
                                    policyChanges.add(row);
                                }
                            });
        }
        assertThat(operations(policyChanges))
                .containsExactly(
                        "ROTATION_POLICY_CREATE",
                        "ROTATION_POLICY_UPDATE",
                        "ROTATION_POLICY_DELETE");
        assertThat(policyChanges.get(1).at("/details/name").asString()).isEqualTo(policyName);
        assertThat(policyChanges.get(1).at("/details/rotationInterval").asString())
                .isEqualTo("PT1440H");

        for (String operation : List.of("KEK_ROTATE", "KEK_REWRAP")) {
            JsonNode rows =
                    auditPage(
                            responses, "/api/v1/audit/credentials?limit=1&operation=" + operation);
            assertThat(operations(rows)).containsExactly(operation);
            assertThat(rows.get(0).path("actor").asString()).isEqualTo("token:admin");
        }

        String secret = token.substring(token.indexOf('.') + 1);
        String hash =
                jdbc.queryForObject(
                        "SELECT token_hash FROM service_tokens WHERE id = ?",
                        String.class,
                        tokenId);
        assertThat(responses).noneMatch(text -> text.contains(secret) || text.contains(hash));
        assertThat(
                        jdbc.queryForObject(
                                """
                SELECT count(*) FROM credential_access_log
                WHERE metadata::text LIKE '%' || ? || '%' OR metadata::text LIKE '%' || ? || '%'""",
                                Integer.class, secret, hash))
                .isZero();
    }

    private JsonNode auditPage(List<String> responses, String uri) {
        byte[] page =
                admin().get()
                        .uri(uri)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        responses.add(new String(page, StandardCharsets.UTF_8));
        return body(page).path("data");
    }

    private JsonNode body(byte[] bytes) {
        return readJson(bytes);
    }

    private static List<String> operations(Iterable<JsonNode> rows) {
        List<String> names = new ArrayList<>();
        rows.forEach(row -> names.add(row.path("operation").asString()));
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
