package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The stored document's caps (configservice.max-document-leaves 10,000, max-document-bytes 1 MiB)
 * hold on every path.
 */
class DocumentLimitsIntegrationTests extends IntegrationTest {

    private static final int MAX_LEAVES = 10_000;
    private static final MediaType MERGE_PATCH =
            MediaType.parseMediaType("application/merge-patch+json");

    @Test
    void everyWritePathRefusesADocumentWithMoreLeavesThanTheLimit() {
        String serviceId = uniqueServiceId("leaves");
        String uri = "/api/v1/configurations/" + serviceId;
        createConfiguration(serviceId, members("k", 0, MAX_LEAVES - 10));

        refusedForLeaves(
                admin().patch().uri(uri).contentType(MERGE_PATCH).body(members("more", 0, 11)));
        refusedForLeaves(
                admin().post()
                        .uri(uri + "/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"operations\":" + sets(11) + "}"));
        refusedForLeaves(
                admin().post()
                        .uri(uri + "/import?mode=merge")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(members("more", 0, 11)));
        refusedForLeaves(
                admin().put()
                        .uri(uri)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"configuration\":" + members("k", 0, MAX_LEAVES + 1) + "}"));
        refusedForLeaves(
                admin().put()
                        .uri(uri + "/environments/staging")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"configuration\":" + members("k", 0, MAX_LEAVES + 1) + "}"));
        refusedForLeaves(
                admin().post()
                        .uri("/api/v1/configurations/{id}", uniqueServiceId("leaves-new"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(
                                "{\"configuration\":{\"nested\":"
                                        + members("k", 0, MAX_LEAVES + 1)
                                        + "}}"));
        admin().get().uri(uri).exchange().expectHeader().valueEquals("ETag", "\"1\"");

        admin().patch()
                .uri(uri)
                .contentType(MERGE_PATCH)
                .body(members("more", 0, 10))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2);
    }

    @Test
    void environmentOverridesAreHeldToTheSameLeafLimit() {
        String environment = uniqueServiceId("big-env");
        refusedForLeaves(
                admin().post()
                        .uri("/api/v1/environments")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(
                                "{\"id\":\""
                                        + environment
                                        + "\",\"name\":\"Big\",\"type\":\"development\","
                                        + "\"configurationOverrides\":"
                                        + members("k", 0, MAX_LEAVES + 1)
                                        + "}"));
        createEnvironment(environment, "\"name\":\"Big\",\"type\":\"development\"");
        refusedForLeaves(
                admin().put()
                        .uri("/api/v1/environments/{id}", environment)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(
                                "{\"name\":\"Big\",\"type\":\"development\",\"configurationOverrides\":"
                                        + members("k", 0, MAX_LEAVES + 1)
                                        + "}"));
    }

    @Test
    void aChangeOverTheLimitIsRefusedInsteadOfBeingHeldForApproval() {
        String environment = uniqueServiceId("gov-big");
        createEnvironment(environment, "\"name\":\"Governed\",\"type\":\"production\"");
        String serviceId = uniqueServiceId("held");
        String uri = "/api/v1/configurations/{id}?environment={e}";
        admin().post()
                .uri(uri, serviceId, environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"pool\":1}}")
                .exchange()
                .expectStatus()
                .isCreated();
        admin().put()
                .uri("/api/v1/approval-policies/{e}", environment)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"requiredApprovals\":1}")
                .exchange()
                .expectStatus()
                .isOk();

        refusedForLeaves(
                operator("alice", "operator")
                        .put()
                        .uri(uri, serviceId, environment)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"configuration\":" + members("k", 0, MAX_LEAVES + 1) + "}"));
        admin().get()
                .uri("/api/v1/approvals?serviceId={s}", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(0);
    }

    @Test
    void aDocumentGrownPastTheSizeLimitIsRefusedWith413() {
        String serviceId = uniqueServiceId("bytes");
        String uri = "/api/v1/configurations/" + serviceId;
        String chunk = "x".repeat(120_000);
        StringJoiner document = new StringJoiner(",", "{", "}");
        for (int i = 0; i < 8; i++) {
            document.add("\"part" + i + "\":\"" + chunk + "\"");
        }
        createConfiguration(serviceId, document.toString());

        refusedForSize(
                admin().patch()
                        .uri(uri)
                        .contentType(MERGE_PATCH)
                        .body("{\"part8\":\"" + "y".repeat(100_000) + "\"}"));
        refusedForSize(
                admin().post()
                        .uri(uri + "/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(
                                "{\"operations\":[{\"type\":\"SET\",\"key\":\"part8\",\"value\":\""
                                        + "y".repeat(100_000)
                                        + "\"}]}"));
        refusedForSize(
                admin().post()
                        .uri(uri + "/import?mode=merge")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"part8\":\"" + "y".repeat(100_000) + "\"}"));
        admin().get().uri(uri).exchange().expectHeader().valueEquals("ETag", "\"1\"");
    }

    private static void refusedForLeaves(RestTestClient.RequestHeadersSpec<?> request) {
        request.exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST")
                .jsonPath("$.error")
                .value(
                        message ->
                                assertThat((String) message)
                                        .contains("configservice.max-document-leaves"))
                .jsonPath("$.details.setting")
                .isEqualTo("configservice.max-document-leaves")
                .jsonPath("$.details.limit")
                .isEqualTo(MAX_LEAVES);
    }

    private static void refusedForSize(RestTestClient.RequestHeadersSpec<?> request) {
        request.exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PAYLOAD_TOO_LARGE")
                .jsonPath("$.details.setting")
                .isEqualTo("configservice.max-document-bytes")
                .jsonPath("$.details.limit")
                .isEqualTo(1_048_576);
    }

    /** {@code {"<prefix><from>": <from>, ...}} with {@code count} numeric members. */
    private static String members(String prefix, int from, int count) {
        StringJoiner members = new StringJoiner(",", "{", "}");
        for (int i = from; i < from + count; i++) {
            members.add("\"" + prefix + i + "\":" + i);
        }
        return members.toString();
    }

    private static String sets(int count) {
        StringJoiner operations = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            operations.add("{\"type\":\"SET\",\"key\":\"batch" + i + "\",\"value\":" + i + "}");
        }
        return operations.toString();
    }
}
