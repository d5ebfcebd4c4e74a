package io.configservice.configuration.effective;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The schema and approval policies judge effective configurations: a chain of environments of its
 * own per test (grandparent ← parent ← child, plus a sibling of the child that overrides what the
 * parent writes), a service with a document in the grandparent and layers below, and a schema that
 * only effective documents can satisfy.
 */
class EffectiveGovernanceIntegrationTests extends IntegrationTest {

    /** {@code db} is required at the root; {@code tls} needs a {@code cert} next to it. */
    private static final String SCHEMA =
            """
            {"type":"object","required":["db"],
             "properties":{"db":{"type":"object","required":["url"]},"log":{"type":"string"}},
             "dependentRequired":{"tls":["cert"]}}""";

    private String grandparent;
    private String parent;
    private String child;
    private String sibling;
    private String serviceId;

    @BeforeEach
    void chainWithASchema() {
        grandparent = uniqueServiceId("gp");
        parent = uniqueServiceId("par");
        child = uniqueServiceId("kid");
        sibling = uniqueServiceId("sib");
        createEnvironment(grandparent, "\"name\":\"grandparent\",\"type\":\"staging\"");
        createEnvironment(
                parent,
                "\"name\":\"parent\",\"type\":\"staging\",\"inheritsFrom\":[\""
                        + grandparent
                        + "\"]");
        createEnvironment(
                child,
                "\"name\":\"child\",\"type\":\"production\",\"inheritsFrom\":[\"" + parent + "\"]");
        createEnvironment(
                sibling,
                "\"name\":\"sibling\",\"type\":\"production\",\"inheritsFrom\":[\""
                        + parent
                        + "\"]");
        serviceId = uniqueServiceId("gov");
        write(grandparent, "{\"db\":{\"url\":\"jdbc:a\"},\"cert\":\"c1\",\"log\":\"info\"}")
                .expectStatus()
                .isOk();
        write(sibling, "{\"log\":\"warn\"}").expectStatus().isOk();
        admin().put()
                .uri("/api/v1/configurations/{id}/schema", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(SCHEMA)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aLayerThatOverridesOneKeyIsAcceptedUnderARequiredSchema() {
        write(child, "{\"log\":\"debug\",\"tls\":true}").expectStatus().isOk();

        admin().get()
                .uri("/api/v1/configurations/{id}/environments/{e}", serviceId, child)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.configuration.db.url")
                .isEqualTo("jdbc:a")
                .jsonPath("$.data.configuration.log")
                .isEqualTo("debug");
    }

    @Test
    void aParentWriteThatBreaksOnlyAChildsEffectiveConfigurationIsRefusedNamingTheChild() {
        write(child, "{\"tls\":true}").expectStatus().isOk();

        JsonNode refused =
                body(
                        write(grandparent, "{\"db\":{\"url\":\"jdbc:a\"},\"log\":\"info\"}")
                                .expectStatus()
                                .isBadRequest());

        assertThat(refused.at("/code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.at("/details").size()).isEqualTo(1);
        assertThat(refused.at("/details/0/environment").asString()).isEqualTo(child);
        assertThat(refused.at("/details/0/errors/0/message").asString()).contains("cert");
        assertThat(refused.at("/error").asString()).contains(child);
        admin().get()
                .uri("/api/v1/configurations/{id}?environment={e}", serviceId, grandparent)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"1\"");
    }

    @Test
    void anEnvironmentThatAlreadyBrokeAForcedSchemaDoesNotBlockChangesThatLeaveItAsItWas() {
        write(child, "{\"tls\":true,\"cert\":\"own\"}").expectStatus().isOk();
        admin().put()
                .uri("/api/v1/configurations/{id}/schema?force=true", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"type\":\"object\",\"required\":[\"owner\"]}")
                .exchange()
                .expectStatus()
                .isOk();
        String grandchild = uniqueServiceId("gc");

        createEnvironment(
                grandchild,
                "\"name\":\"grandchild\",\"type\":\"production\",\"inheritsFrom\":[\""
                        + child
                        + "\"]");
        write(
                        grandparent,
                        "{\"db\":{\"url\":\"jdbc:c\"},\"cert\":\"c1\",\"log\":\"info\",\"owner\":\"team\"}")
                .expectStatus()
                .isOk();

        write(child, "{\"tls\":true,\"cert\":\"own\",\"owner\":null}")
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void validateTakesAWriteBodyAndReportsEveryEnvironmentTheWriteWouldChange() {
        write(child, "{\"tls\":true}").expectStatus().isOk();

        JsonNode report =
                body(
                        admin().post()
                                .uri(
                                        "/api/v1/configurations/{id}/validate?environment={e}",
                                        serviceId,
                                        grandparent)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(
                                        "{\"configuration\":{\"db\":{\"url\":\"jdbc:b\"},\"log\":\"info\"},\"changeReason\":\"try\"}")
                                .exchange()
                                .expectStatus()
                                .isOk());

        JsonNode environments = report.at("/data/environments");
        assertThat(report.at("/data/valid").asBoolean()).isFalse();
        assertThat(environments.findValuesAsString("environment"))
                .containsExactly(grandparent, child, parent, sibling);
        assertThat(environments.get(0).get("valid").asBoolean()).isTrue();
        assertThat(environments.get(1).get("valid").asBoolean()).isFalse();
        assertThat(environments.get(1).at("/errors/0/message").asString()).contains("cert");
        assertThat(environments.get(2).get("valid").asBoolean()).isTrue();
        admin().get()
                .uri("/api/v1/configurations/{id}?environment={e}", serviceId, grandparent)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"1\"");
    }

    @Test
    void anOverridesChangeThatBreaksAnEffectiveConfigurationIsRefusedAndNothingChanges() {
        JsonNode refused =
                body(
                        admin().put()
                                .uri("/api/v1/environments/{e}", parent)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(
                                        "{\"name\":\"parent\",\"type\":\"staging\",\"inheritsFrom\":[\""
                                                + grandparent
                                                + "\"],"
                                                + "\"configurationOverrides\":{\"db\":null}}")
                                .exchange()
                                .expectStatus()
                                .isBadRequest());

        assertThat(refused.at("/code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.at("/error").asString()).contains(serviceId);
        assertThat(refused.at("/details").findValuesAsString("environment"))
                .contains(parent, child, sibling);
        admin().get()
                .uri("/api/v1/environments/{e}", parent)
                .exchange()
                .expectBody()
                .jsonPath("$.data.configurationOverrides.db")
                .doesNotExist();
    }

    @Test
    void
            aParentWriteThatChangesAProtectedChildIsHeldUnderTheStrictestPolicyAndNamesEveryAffectedEnvironment() {
        policy(child, 2, "PT72H");
        policy(parent, 1, "PT1H");
        policy(sibling, 3, "PT72H");
        RestTestClient writer = as(issueToken(serviceId, "config:read", "config:write"));

        JsonNode held =
                body(
                        writer.put()
                                .uri(
                                        "/api/v1/configurations/{id}/environments/{e}",
                                        serviceId,
                                        parent)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body("{\"configuration\":{\"log\":\"error\"}}")
                                .exchange()
                                .expectStatus()
                                .isAccepted());

        assertThat(held.at("/data/status").asString()).isEqualTo("PENDING");
        assertThat(held.at("/data/environment").asString()).isEqualTo(parent);
        assertThat(held.at("/data/requiredApprovals").asInt()).isEqualTo(2);
        assertThat(held.at("/data/affectedEnvironments").findValuesAsString("environment"))
                .containsExactly(parent, child);
        JsonNode request =
                body(
                        admin().get()
                                .uri("/api/v1/approvals/{id}", held.at("/data/id").asString())
                                .exchange()
                                .expectStatus()
                                .isOk());
        assertThat(request.at("/data/affectedEnvironments/1/environment").asString())
                .isEqualTo(child);
        assertThat(request.at("/data/affectedEnvironments/1/revision").asLong()).isEqualTo(1);
        assertThat(
                        Duration.between(
                                Instant.parse(request.at("/data/requestedAt").asString()),
                                Instant.parse(request.at("/data/expiresAt").asString())))
                .hasHours(1);
        admin().get()
                .uri("/api/v1/configurations/{id}/environments/{e}", serviceId, child)
                .exchange()
                .expectBody()
                .jsonPath("$.data.configuration.log")
                .isEqualTo("info");
    }

    @Test
    void approvingRechecksThatNoAffectedEffectiveConfigurationMoved() {
        policy(child, 1, "PT72H");
        RestTestClient writer = as(issueToken(serviceId, "config:read", "config:write"));
        String first =
                body(writer.put()
                                .uri(
                                        "/api/v1/configurations/{id}/environments/{e}",
                                        serviceId,
                                        parent)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body("{\"configuration\":{\"log\":\"error\"}}")
                                .exchange()
                                .expectStatus()
                                .isAccepted())
                        .at("/data/id")
                        .asString();
        write(grandparent, "{\"db\":{\"url\":\"jdbc:moved\"},\"cert\":\"c1\",\"log\":\"info\"}")
                .expectStatus()
                .isAccepted();
        String second = body(approvalsOf(grandparent)).at("/data/0/id").asString();
        RestTestClient approver = operator("dana", "approver");
        decide(approver, second)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.status")
                .isEqualTo("APPROVED");

        decide(approver, first)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.details.status")
                .isEqualTo("CONFLICT");

        admin().get()
                .uri("/api/v1/configurations/{id}/environments/{e}", serviceId, child)
                .exchange()
                .expectBody()
                .jsonPath("$.data.configuration.db.url")
                .isEqualTo("jdbc:moved")
                .jsonPath("$.data.configuration.log")
                .isEqualTo("info");
    }

    @Test
    void anEnvironmentChangeIsHeldWhenAnEnvironmentInheritingFromItHasAPolicy() {
        // An environment change alters every service's effective configuration there: all
        // descendants are affected.
        policy(child, 1, "PT72H");

        JsonNode held =
                body(
                        admin().put()
                                .uri("/api/v1/environments/{e}", parent)
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(
                                        "{\"name\":\"parent\",\"type\":\"staging\",\"inheritsFrom\":[\""
                                                + grandparent
                                                + "\"],"
                                                + "\"configurationOverrides\":{\"log\":\"trace\"}}")
                                .exchange()
                                .expectStatus()
                                .isAccepted());

        assertThat(held.at("/data/affectedEnvironments").findValuesAsString("environment"))
                .containsExactly(parent, child, sibling);
        assertThat(held.at("/data/affectedEnvironments/1/revision").isNull()).isTrue();
        admin().get()
                .uri("/api/v1/configurations/{id}/environments/{e}", serviceId, child)
                .exchange()
                .expectBody()
                .jsonPath("$.data.configuration.log")
                .isEqualTo("info");
    }

    private RestTestClient.ResponseSpec write(String environment, String document) {
        return admin().put()
                .uri("/api/v1/configurations/{id}/environments/{e}", serviceId, environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":" + document + "}")
                .exchange();
    }

    private void policy(String environment, int requiredApprovals, String expiresAfter) {
        admin().put()
                .uri("/api/v1/approval-policies/{e}", environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        "{\"requiredApprovals\":"
                                + requiredApprovals
                                + ",\"expiresAfter\":\""
                                + expiresAfter
                                + "\"}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    private RestTestClient.ResponseSpec approvalsOf(String environment) {
        return admin().get()
                .uri("/api/v1/approvals?status=PENDING&environment={e}", environment)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private RestTestClient.ResponseSpec decide(RestTestClient who, String id) {
        return who.post()
                .uri("/api/v1/approvals/{id}/decisions", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"decision\":\"APPROVE\",\"reason\":\"ok\"}")
                .exchange();
    }

    private JsonNode body(RestTestClient.ResponseSpec response) {
        return readJson(response.expectBody().returnResult().getResponseBody());
    }
}
