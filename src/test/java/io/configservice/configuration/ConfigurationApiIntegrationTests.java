package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.configuration.document.ConfigurationChange;
import io.configservice.configuration.effective.EffectiveConfigurationChanged;
import io.configservice.support.IntegrationTest;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ConfigurationApiIntegrationTests extends IntegrationTest {

    private static final MediaType MERGE_PATCH =
            MediaType.parseMediaType("application/merge-patch+json");
    private static final String DOCUMENT =
            """
            {"database":{"pool":{"size":10},"url":"jdbc:postgresql://db/orders"},"feature":{"enabled":true},
             "servers":[{"host":"a"},{"host":"b"}]}""";

    @Autowired private JdbcTemplate jdbc;

    private String serviceId;

    @BeforeEach
    void createService() {
        serviceId = uniqueServiceId("orders");
        createConfiguration(serviceId, DOCUMENT);
    }

    @Test
    void servesDocumentWithMetaEtagAndChecksumOfCanonicalData() throws Exception {
        byte[] body =
                admin().get()
                        .uri("/api/v1/configurations/{id}", serviceId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .valueEquals("ETag", "\"1\"")
                        .expectBody()
                        .jsonPath("$.success")
                        .isEqualTo(true)
                        .jsonPath("$.data.database.pool.size")
                        .isEqualTo(10)
                        .jsonPath("$.data.servers[1].host")
                        .isEqualTo("b")
                        .jsonPath("$.meta.serviceId")
                        .isEqualTo(serviceId)
                        .jsonPath("$.meta.environment")
                        .isEqualTo("production")
                        .jsonPath("$.meta.version")
                        .isEqualTo(1)
                        .jsonPath("$.meta.updatedBy")
                        .isEqualTo("token:admin")
                        .jsonPath("$.timestamp")
                        .exists()
                        .returnResult()
                        .getResponseBody();
        JsonNode response = readJson(body);
        String canonicalData = json.writeValueAsString(response.get("data"));
        String sha256 =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(canonicalData.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.at("/meta/checksum").asString()).isEqualTo(sha256);
    }

    @Test
    void createOfAnExistingConfigurationConflicts() {
        admin().post()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"a\":1}}")
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("ALREADY_EXISTS")
                .jsonPath("$.success")
                .isEqualTo(false);
    }

    @Test
    void sameServiceHasIndependentConfigurationsPerEnvironment() {
        admin().post()
                .uri("/api/v1/configurations/{id}?environment=staging", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"stage\":true}}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(1);
        admin().get()
                .uri("/api/v1/configurations/{id}?environment=staging", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.stage")
                .isEqualTo(true)
                .jsonPath("$.data.database")
                .doesNotExist();
        admin().get()
                .uri("/api/v1/configurations/{id}?environment=development", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void putReplacesDocumentAndReportsChanges() {
        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        "{\"configuration\":{\"database\":{\"pool\":{\"size\":20}}},\"changeReason\":\"resize\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2)
                .jsonPath("$.data.checksum")
                .isNotEmpty()
                .jsonPath("$.data.changes[?(@.path == 'database.pool.size')].op")
                .isEqualTo("changed")
                .jsonPath("$.data.changes[?(@.path == 'database.pool.size')].oldValue")
                .isEqualTo(10)
                .jsonPath("$.data.changes[?(@.path == 'database.pool.size')].newValue")
                .isEqualTo(20)
                .jsonPath("$.data.changes[?(@.path == 'feature')].op")
                .isEqualTo("removed");
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.data.feature")
                .doesNotExist()
                .jsonPath("$.data.database.pool.size")
                .isEqualTo(20);
    }

    @Test
    void putOfUnknownConfigurationIsNotFound() {
        admin().put()
                .uri("/api/v1/configurations/{id}", uniqueServiceId("ghost"))
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"a\":1}}")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void writeThatChangesNothingMakesNoNewVersion() {
        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":" + DOCUMENT + "}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(1)
                .jsonPath("$.data.changes.length()")
                .isEqualTo(0);
    }

    @Test
    void mergePatchMergesObjectsAndRemovesNulls() {
        admin().patch()
                .uri("/api/v1/configurations/{id}?changeReason=tune", serviceId)
                .contentType(MERGE_PATCH)
                .body("{\"database\":{\"pool\":{\"size\":30,\"idle\":2}},\"feature\":null}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2);
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.data.database.pool.size")
                .isEqualTo(30)
                .jsonPath("$.data.database.pool.idle")
                .isEqualTo(2)
                .jsonPath("$.data.database.url")
                .isEqualTo("jdbc:postgresql://db/orders")
                .jsonPath("$.data.feature")
                .doesNotExist();
    }

    @Test
    void wildcardContentTypeIsUnsupportedMediaType() {
        admin().put()
                .uri("/api/v1/configurations/{id}", serviceId)
                .header("Content-Type", "*/*")
                .body("{\"configuration\":{\"a\":1}}")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        admin().post()
                .uri("/api/v1/credentials")
                .header("Content-Type", "application/*")
                .body("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    /**
     * Tomcat leaves path parameters undecoded; Spring's path parsing decoded them and failed with a
     * 500.
     */
    @Test
    void aBrokenPercentEncodingInAPathParameterIsABadRequest() throws IOException {
        for (String path :
                List.of(
                        "/api/v1/configurations/x;a=%zz",
                        "/config-server/NaN/;jsessionid=1-%.json")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream()
                        .write(
                                ("GET "
                                                + path
                                                + " HTTP/1.1\r\nHost: localhost\r\n"
                                                + "Connection: close\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                String answer =
                        new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer)
                        .as(path)
                        .startsWith("HTTP/1.1 400")
                        .contains("\"code\":\"INVALID_REQUEST\"");
            }
        }
    }

    @Test
    void patchWithPlainJsonIsUnsupportedMediaType() {
        admin().patch()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"a\":1}")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void readsAndDeletesKeysByDotPath() {
        admin().get()
                .uri("/api/v1/configurations/{id}/database.pool.size", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.key")
                .isEqualTo("database.pool.size")
                .jsonPath("$.data.value")
                .isEqualTo(10);
        admin().get()
                .uri("/api/v1/configurations/{id}/servers.0.host", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.value")
                .isEqualTo("a");
        admin().get()
                .uri("/api/v1/configurations/{id}/database.missing", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("KEY_NOT_FOUND");

        admin().delete()
                .uri("/api/v1/configurations/{id}/feature.enabled", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2)
                .jsonPath("$.data.changes[0].path")
                .isEqualTo("feature.enabled");
        admin().get()
                .uri("/api/v1/configurations/{id}/feature.enabled", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound();
        admin().delete()
                .uri("/api/v1/configurations/{id}/feature.enabled", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("KEY_NOT_FOUND");
        admin().get()
                .uri("/api/v1/configurations/{id}/bad..key", serviceId)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void batchAppliesAllOperationsAsOneVersion() {
        admin().post()
                .uri("/api/v1/configurations/{id}/batch", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"operations":[
                          {"id":"1","type":"SET","key":"cache.ttl","value":60},
                          {"id":"2","type":"SET","key":"database.pool.size","value":50},
                          {"id":"3","type":"DELETE","key":"feature"}],
                         "changeReason":"batch"}""")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2);
        admin().get()
                .uri(
                        "/api/v1/configurations/{id}/batch?keys=cache.ttl,database.pool.size,feature",
                        serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2)
                .jsonPath("$.data.values['cache.ttl']")
                .isEqualTo(60)
                .jsonPath("$.data.values['database.pool.size']")
                .isEqualTo(50)
                .jsonPath("$.data.missing[0]")
                .isEqualTo("feature");
    }

    @Test
    void failedBatchAppliesNothingAndReportsEachOperation() {
        admin().post()
                .uri("/api/v1/configurations/{id}/batch", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                        {"operations":[
                          {"id":"ok","type":"SET","key":"cache.ttl","value":60},
                          {"id":"missing","type":"DELETE","key":"no.such.key"},
                          {"id":"weird","type":"RENAME","key":"a"}]}""")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("BATCH_FAILED")
                .jsonPath("$.details[0].operation")
                .isEqualTo("ok")
                .jsonPath("$.details[0].success")
                .isEqualTo(true)
                .jsonPath("$.details[1].operation")
                .isEqualTo("missing")
                .jsonPath("$.details[1].success")
                .isEqualTo(false)
                .jsonPath("$.details[2].success")
                .isEqualTo(false);
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.data.cache")
                .doesNotExist();
        Integer versions =
                jdbc.queryForObject(
                        "SELECT count(*) FROM service_configurations WHERE service_id = ?",
                        Integer.class,
                        serviceId);
        assertThat(versions).isEqualTo(1);
    }

    @Test
    void historyIsPagedNewestFirstAndRollbackMakesNewVersion() {
        for (int size = 11; size <= 13; size++) {
            admin().patch()
                    .uri("/api/v1/configurations/{id}?changeReason=step" + size, serviceId)
                    .contentType(MERGE_PATCH)
                    .body("{\"database\":{\"pool\":{\"size\":" + size + "}}}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        byte[] firstPage =
                admin().get()
                        .uri("/api/v1/configurations/{id}/versions?limit=2", serviceId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.data.length()")
                        .isEqualTo(2)
                        .jsonPath("$.data[0].version")
                        .isEqualTo(4)
                        .jsonPath("$.data[0].changeType")
                        .isEqualTo("UPDATE")
                        .jsonPath("$.data[0].changeReason")
                        .isEqualTo("step13")
                        .jsonPath("$.data[0].changedKeys[0]")
                        .isEqualTo("database.pool.size")
                        .jsonPath("$.data[0].changedBy")
                        .isEqualTo("token:admin")
                        .jsonPath("$.data[0].changedAt")
                        .exists()
                        .jsonPath("$.data[1].version")
                        .isEqualTo(3)
                        .returnResult()
                        .getResponseBody();
        String cursor = readJson(firstPage).get("nextCursor").asString();
        admin().get()
                .uri("/api/v1/configurations/{id}/versions?limit=2&cursor={c}", serviceId, cursor)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[0].version")
                .isEqualTo(2)
                .jsonPath("$.data[1].version")
                .isEqualTo(1)
                .jsonPath("$.data[1].changeType")
                .isEqualTo("CREATE")
                .jsonPath("$.nextCursor")
                .doesNotExist();

        admin().post()
                .uri("/api/v1/configurations/{id}/versions/1/rollback", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"changeReason\":\"bad resize\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(5);
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.data.database.pool.size")
                .isEqualTo(10);
        admin().get()
                .uri("/api/v1/configurations/{id}/versions?limit=1", serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.data[0].version")
                .isEqualTo(5)
                .jsonPath("$.data[0].changeType")
                .isEqualTo("ROLLBACK")
                .jsonPath("$.data[0].rollbackSourceVersion")
                .isEqualTo(1)
                .jsonPath("$.data[0].changeReason")
                .isEqualTo("bad resize");
        admin().get()
                .uri("/api/v1/configurations/{id}?version=3", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"3\"")
                .expectBody()
                .jsonPath("$.data.database.pool.size")
                .isEqualTo(12);
    }

    @Test
    void rollbackToUnknownVersionIsNotFound() {
        admin().post()
                .uri("/api/v1/configurations/{id}/versions/99/rollback", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("NOT_FOUND");
        admin().get()
                .uri("/api/v1/configurations/{id}?version=99", serviceId)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void rejectsBadInputWithClearCodes() {
        String uri = "/api/v1/configurations/" + serviceId;
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\": {")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_JSON");
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"a\":1,\"a\":2}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_JSON");
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":[1,2]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"changeReason\":\"x\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST")
                .jsonPath("$.details.configuration")
                .exists();
        String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":" + deep + "}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_JSON");
        String absurd = "[".repeat(100_000);
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":" + absurd)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_JSON");
        admin().put()
                .uri(uri)
                .contentType(MediaType.TEXT_PLAIN)
                .body("hello")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"blob\":\"" + "x".repeat(1_100_000) + "\"}}")
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("PAYLOAD_TOO_LARGE");
        admin().get()
                .uri(uri + "?environment=moon")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().get()
                .uri(uri + "?version=abc")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().get().uri(uri + "?version=0").exchange().expectStatus().isBadRequest();
        admin().get()
                .uri("/api/v1/configurations/Not_Valid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().get()
                .uri("/api/v1/configurations/" + "a".repeat(101))
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin().get().uri(uri + "/versions?limit=0").exchange().expectStatus().isBadRequest();
        admin().get().uri(uri + "/versions?limit=abc").exchange().expectStatus().isBadRequest();
        admin().get().uri(uri + "/versions?cursor=%%%").exchange().expectStatus().isBadRequest();
        admin().get().uri(uri + "/batch").exchange().expectStatus().isBadRequest();
        admin().post()
                .uri(uri + "/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"operations\":[]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().post().uri(uri + "/versions/abc/rollback").exchange().expectStatus().isBadRequest();
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"n\":1e999999}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_JSON");
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"s\":\"a\\u0000b\"}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_JSON");
        admin().post()
                .uri(uri + "/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"operations\":[null]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().get()
                .uri(URI.create("http://localhost:" + port + uri + "?environment=%ff"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().delete()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void everyChangeIsRecordedInHistoryWithDiffAndActor() {
        admin().patch()
                .uri("/api/v1/configurations/{id}?changeReason=why", serviceId)
                .contentType(MERGE_PATCH)
                .body("{\"feature\":{\"enabled\":false}}")
                .exchange()
                .expectStatus()
                .isOk();
        var row =
                jdbc.queryForMap(
                        """
                SELECT change_type, changed_keys::text AS keys, changes::text AS changes, change_reason, changed_by
                FROM configuration_history WHERE service_id = ? AND version = 2""",
                        serviceId);
        assertThat(row.get("change_type")).isEqualTo("UPDATE");
        assertThat(row.get("keys")).isEqualTo("{feature.enabled}");
        assertThat(row.get("changes").toString())
                .contains("\"oldValue\": true")
                .contains("\"newValue\": false");
        assertThat(row.get("change_reason")).isEqualTo("why");
        assertThat(row.get("changed_by")).isEqualTo("token:admin");
        assertThat(events.stream(EffectiveConfigurationChanged.class))
                .anySatisfy(
                        event -> {
                            assertThat(event.serviceId()).isEqualTo(serviceId);
                            assertThat(event.version()).isEqualTo(2);
                            assertThat(event.cause().changedBy()).isEqualTo("token:admin");
                            assertThat(event.changes())
                                    .extracting(ConfigurationChange::path)
                                    .containsExactly("feature.enabled");
                        });
    }
}
