package io.configservice.configuration.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/** Conditional requests, diffs and retention. */
class ConfigurationVersioningIntegrationTests extends IntegrationTest {

    private static final MediaType MERGE_PATCH =
            MediaType.parseMediaType("application/merge-patch+json");

    @Autowired private JdbcTemplate jdbc;

    @Autowired private ConfigurationRetentionService retention;

    private String serviceId;

    @BeforeEach
    void createService() {
        serviceId = uniqueServiceId("versioned");
        createConfiguration(serviceId, "{\"a\":1,\"b\":{\"c\":true},\"list\":[1,2]}");
    }

    @Test
    void conditionalGetAnswersNotModifiedForTheCurrentVersion() {
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .header("If-None-Match", "\"1\"")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals("ETag", "\"1\"")
                .expectBody()
                .isEmpty();
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .header("If-None-Match", "W/\"0\", \"1\"")
                .exchange()
                .expectStatus()
                .isNotModified();
        patch("{\"a\":2}", null).expectStatus().isOk();
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .header("If-None-Match", "\"1\"")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.data.a")
                .isEqualTo(2);
    }

    @Test
    void staleIfMatchOrExpectedVersionIsRejectedWithTheCurrentVersion() {
        patch("{\"a\":2}", "\"1\"").expectStatus().isOk();
        patch("{\"a\":3}", "\"1\"")
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VERSION_CONFLICT")
                .jsonPath("$.details.currentVersion")
                .isEqualTo(2);
        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"a\":9},\"expectedVersion\":1}")
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"a\":9},\"expectedVersion\":2}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(3);
        admin().delete()
                .uri("/api/v1/configurations/{id}/a", serviceId)
                .header("If-Match", "\"2\"")
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        admin().post()
                .uri("/api/v1/configurations/{id}/batch", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        "{\"operations\":[{\"type\":\"SET\",\"key\":\"x\",\"value\":1}],\"expectedVersion\":2}")
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        admin().post()
                .uri("/api/v1/configurations/{id}/versions/1/rollback", serviceId)
                .header("If-Match", "\"1\"")
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"3\"")
                .body("{\"configuration\":{\"a\":9},\"expectedVersion\":2}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        patch("{\"a\":4}", "not-a-version").expectStatus().isBadRequest();
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"3\"");
    }

    @Test
    void guardedEnvironmentRequiresIfMatch() {
        if (Boolean.FALSE.equals(
                jdbc.queryForObject(
                        "SELECT EXISTS (SELECT 1 FROM environments WHERE id = ?)",
                        Boolean.class,
                        GUARDED_ENVIRONMENT))) {
            createEnvironment(GUARDED_ENVIRONMENT, "\"name\":\"Guarded\",\"type\":\"production\"");
        }
        String uri = "/api/v1/configurations/" + serviceId + "?environment=" + GUARDED_ENVIRONMENT;
        admin().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"a\":1}}")
                .exchange()
                .expectStatus()
                .isCreated();
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"a\":2}}")
                .exchange()
                .expectStatus()
                .isEqualTo(428)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PRECONDITION_REQUIRED")
                .jsonPath("$.details.currentVersion")
                .isEqualTo(1);
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"")
                .body("{\"configuration\":{\"a\":2}}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void diffBetweenVersionsAsChangesAndAsJsonPatch() {
        patch("{\"a\":5,\"b\":{\"c\":null,\"d\":\"x\"},\"list\":[3]}", null).expectStatus().isOk();
        admin().get()
                .uri("/api/v1/configurations/{id}/diff?from=1&to=2", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(4)
                .jsonPath("$.data[0].path")
                .isEqualTo("a")
                .jsonPath("$.data[0].op")
                .isEqualTo("changed")
                .jsonPath("$.data[0].oldValue")
                .isEqualTo(1)
                .jsonPath("$.data[0].newValue")
                .isEqualTo(5)
                .jsonPath("$.data[1].path")
                .isEqualTo("b.c")
                .jsonPath("$.data[1].op")
                .isEqualTo("removed")
                .jsonPath("$.data[2].path")
                .isEqualTo("b.d")
                .jsonPath("$.data[2].op")
                .isEqualTo("added")
                .jsonPath("$.data[3].path")
                .isEqualTo("list");
        admin().get()
                .uri("/api/v1/configurations/{id}/diff?from=1&to=2&format=json-patch", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[0].op")
                .isEqualTo("replace")
                .jsonPath("$.data[0].path")
                .isEqualTo("/a")
                .jsonPath("$.data[0].value")
                .isEqualTo(5)
                .jsonPath("$.data[1].op")
                .isEqualTo("remove")
                .jsonPath("$.data[1].path")
                .isEqualTo("/b/c")
                .jsonPath("$.data[1].value")
                .doesNotExist()
                .jsonPath("$.data[2].op")
                .isEqualTo("add")
                .jsonPath("$.data[2].path")
                .isEqualTo("/b/d")
                .jsonPath("$.data[3].value[0]")
                .isEqualTo(3);
        admin().get()
                .uri("/api/v1/configurations/{id}/diff?from=2&to=1", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[2].op")
                .isEqualTo("removed");
        admin().get()
                .uri("/api/v1/configurations/{id}/diff?from=1&to=9", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound();
        admin().get()
                .uri("/api/v1/configurations/{id}/diff?from=1&to=2&format=xml", serviceId)
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin().get()
                .uri("/api/v1/configurations/{id}/diff?from=1", serviceId)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void retentionPrunesOldVersionsButNeverTheCurrentOneAndPrunedVersionsAnswerGone() {
        String environment = uniqueServiceId("retained");
        createEnvironment(
                environment,
                "\"name\":\"R\",\"type\":\"testing\",\"retention\":{\"maxVersions\":2}");
        String uri = "/api/v1/configurations/" + serviceId + "?environment=" + environment;
        admin().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"v\":1}}")
                .exchange()
                .expectStatus()
                .isCreated();
        for (int v = 2; v <= 5; v++) {
            admin().put()
                    .uri(uri)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"configuration\":{\"v\":" + v + "}}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        assertThat(retention.prune()).isGreaterThanOrEqualTo(3);

        assertThat(
                        jdbc.queryForList(
                                "SELECT version FROM service_configurations WHERE service_id = ? "
                                        + "AND environment = ? ORDER BY version",
                                Integer.class,
                                serviceId,
                                environment))
                .containsExactly(4, 5);
        assertThat(
                        jdbc.queryForList(
                                "SELECT version FROM configuration_history WHERE service_id = ? "
                                        + "AND environment = ? ORDER BY version",
                                Integer.class,
                                serviceId,
                                environment))
                .containsExactly(4, 5);
        admin().get()
                .uri(
                        "/api/v1/configurations/{id}?environment={e}&version=2",
                        serviceId,
                        environment)
                .exchange()
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VERSION_PRUNED")
                .jsonPath("$.details.currentVersion")
                .isEqualTo(5);
        admin().post()
                .uri(
                        "/api/v1/configurations/{id}/versions/1/rollback?environment={e}",
                        serviceId,
                        environment)
                .exchange()
                .expectStatus()
                .isEqualTo(410);
        admin().get()
                .uri(
                        "/api/v1/configurations/{id}?environment={e}&version=6",
                        serviceId,
                        environment)
                .exchange()
                .expectStatus()
                .isNotFound();
        admin().get()
                .uri("/api/v1/configurations/{id}?environment={e}", serviceId, environment)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.v")
                .isEqualTo(5);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM service_configurations WHERE service_id = ? "
                                        + "AND environment = 'production'",
                                Integer.class,
                                serviceId))
                .isEqualTo(1);
    }

    @Test
    void ageRetentionKeepsYoungVersionsAndTheCurrentOne() {
        String environment = uniqueServiceId("aged");
        createEnvironment(
                environment,
                "\"name\":\"A\",\"type\":\"testing\",\"retention\":{\"maxAgeDays\":30}");
        String uri = "/api/v1/configurations/" + serviceId + "?environment=" + environment;
        admin().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"v\":1}}")
                .exchange()
                .expectStatus()
                .isCreated();
        for (int v = 2; v <= 3; v++) {
            admin().put()
                    .uri(uri)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"configuration\":{\"v\":" + v + "}}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        jdbc.update(
                "UPDATE service_configurations SET created_at = now() - interval '40 days' "
                        + "WHERE service_id = ? AND environment = ? AND version IN (1, 3)",
                serviceId,
                environment);

        retention.prune();

        assertThat(
                        jdbc.queryForList(
                                "SELECT version FROM service_configurations WHERE service_id = ? "
                                        + "AND environment = ? ORDER BY version",
                                Integer.class,
                                serviceId,
                                environment))
                .containsExactly(2, 3);
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec patch(
            String body, String ifMatch) {
        var request =
                admin().patch()
                        .uri("/api/v1/configurations/{id}", serviceId)
                        .contentType(MERGE_PATCH);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.body(body).exchange();
    }
}
