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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

class ConfigurationApiIntegrationTests extends IntegrationTest {

    private static final String CONFIGURATION = "/api/v1/configurations/{id}";
    private static final MediaType MERGE_PATCH =
            MediaType.parseMediaType("application/merge-patch+json");
    private static final String DOCUMENT =
            """
            {"database":{"pool":{"size":10},"url":"jdbc:postgresql://db/orders"},"feature":{"enabled":true},
             "servers":[{"host":"a"},{"host":"b"}]}""";

    private static final String TINY_DOCUMENT =
            """
            {"a":1}""";

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
                get("").expectStatus()
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
        expectError(
                        send(HttpMethod.POST, "", withConfiguration(TINY_DOCUMENT)),
                        409,
                        "ALREADY_EXISTS")
                .jsonPath("$.success")
                .isEqualTo(false);
    }

    @Test
    void sameServiceHasIndependentConfigurationsPerEnvironment() {
        send(
                        HttpMethod.POST,
                        "?environment=staging",
                        withConfiguration(
                                """
                        {"stage":true}"""))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(1);
        get("?environment=staging")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.stage")
                .isEqualTo(true)
                .jsonPath("$.data.database")
                .doesNotExist();
        expectError(get("?environment=development"), 404, "NOT_FOUND");
    }

    @Test
    void putReplacesDocumentAndReportsChanges() {
        put("""
                        {"configuration":{"database":{"pool":{"size":20}}},"changeReason":"resize"}""")
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
        get("").expectHeader()
                .valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.data.feature")
                .doesNotExist()
                .jsonPath("$.data.database.pool.size")
                .isEqualTo(20);
    }

    @Test
    void putOfUnknownConfigurationIsNotFound() {
        expectError(
                sendJson(
                        admin(),
                        HttpMethod.PUT,
                        CONFIGURATION,
                        withConfiguration(TINY_DOCUMENT),
                        uniqueServiceId("ghost")),
                404,
                "NOT_FOUND");
    }

    @Test
    void writeThatChangesNothingMakesNoNewVersion() {
        put(withConfiguration(DOCUMENT))
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
        mergePatch(
                        "tune",
                        """
                        {"database":{"pool":{"size":30,"idle":2}},"feature":null}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2);
        get("").expectBody()
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
        expectError(
                admin().put()
                        .uri(CONFIGURATION, serviceId)
                        .header("Content-Type", "*/*")
                        .body(withConfiguration(TINY_DOCUMENT))
                        .exchange(),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        expectError(
                admin().post()
                        .uri("/api/v1/credentials")
                        .header("Content-Type", "application/*")
                        .body("{}")
                        .exchange(),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
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
        expectError(
                send(
                        HttpMethod.PATCH,
                        "",
                        """
                        {"a":1}"""),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void readsAndDeletesKeysByDotPath() {
        get("/database.pool.size")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.key")
                .isEqualTo("database.pool.size")
                .jsonPath("$.data.value")
                .isEqualTo(10);
        get("/servers.0.host")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.value")
                .isEqualTo("a");
        expectError(get("/database.missing"), 404, "KEY_NOT_FOUND");

        delete("/feature.enabled")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2)
                .jsonPath("$.data.changes[0].path")
                .isEqualTo("feature.enabled");
        get("/feature.enabled").expectStatus().isNotFound();
        expectError(delete("/feature.enabled"), 404, "KEY_NOT_FOUND");
        expectError(get("/bad..key"), 400, "INVALID_REQUEST");
    }

    @Test
    void batchAppliesAllOperationsAsOneVersion() {
        send(
                        HttpMethod.POST,
                        "/batch",
                        """
                        {"operations":[
                          {"id":"1","type":"SET","key":"cache.ttl","value":60},
                          {"id":"2","type":"SET","key":"database.pool.size","value":50},
                          {"id":"3","type":"DELETE","key":"feature"}],
                         "changeReason":"batch"}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(2);
        get("/batch?keys=cache.ttl,database.pool.size,feature")
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
        send(
                        HttpMethod.POST,
                        "/batch",
                        """
                        {"operations":[
                          {"id":"ok","type":"SET","key":"cache.ttl","value":60},
                          {"id":"missing","type":"DELETE","key":"no.such.key"},
                          {"id":"weird","type":"RENAME","key":"a"}]}""")
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
        get("").expectHeader()
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
            mergePatch(
                            "step" + size,
                            """
                            {"database":{"pool":{"size":%d}}}"""
                                    .formatted(size))
                    .expectStatus()
                    .isOk();
        }
        byte[] firstPage =
                get("/versions?limit=2")
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
                .uri(CONFIGURATION + "/versions?limit=2&cursor={c}", serviceId, cursor)
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

        send(
                        HttpMethod.POST,
                        "/versions/1/rollback",
                        """
                        {"changeReason":"bad resize"}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(5);
        get("").expectBody().jsonPath("$.data.database.pool.size").isEqualTo(10);
        get("/versions?limit=1")
                .expectBody()
                .jsonPath("$.data[0].version")
                .isEqualTo(5)
                .jsonPath("$.data[0].changeType")
                .isEqualTo("ROLLBACK")
                .jsonPath("$.data[0].rollbackSourceVersion")
                .isEqualTo(1)
                .jsonPath("$.data[0].changeReason")
                .isEqualTo("bad resize");
        get("?version=3")
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
        get("?version=99").expectStatus().isNotFound();
    }

    @Test
    void rejectsBadInputWithClearCodes() {
        expectError(
                put(
                        """
                        {"configuration": {"""),
                400,
                "INVALID_JSON");
        expectError(
                put(
                        withConfiguration(
                                """
                        {"a":1,"a":2}""")),
                400,
                "INVALID_JSON");
        expectError(put(withConfiguration("[1,2]")), 400, "INVALID_REQUEST");
        expectError(
                        put(
                                """
                                {"changeReason":"x"}"""),
                        400,
                        "INVALID_REQUEST")
                .jsonPath("$.details.configuration")
                .exists();
        String deep =
                """
                {"a":"""
                                .repeat(200)
                        + "1"
                        + "}".repeat(200);
        expectError(put(withConfiguration(deep)), 400, "INVALID_JSON");
        String absurd = "[".repeat(100_000);
        expectError(
                put(
                        """
                        {"configuration":"""
                                + absurd),
                400,
                "INVALID_JSON");
        expectError(
                admin().put()
                        .uri(CONFIGURATION, serviceId)
                        .contentType(MediaType.TEXT_PLAIN)
                        .body("hello")
                        .exchange(),
                415,
                "UNSUPPORTED_MEDIA_TYPE");
        expectError(
                put(
                        withConfiguration(
                                """
                                {"blob":"%s"}"""
                                        .formatted("x".repeat(1_100_000)))),
                413,
                "PAYLOAD_TOO_LARGE");
        expectError(get("?environment=moon"), 400, "INVALID_REQUEST");
        expectError(get("?version=abc"), 400, "INVALID_REQUEST");
        get("?version=0").expectStatus().isBadRequest();
        expectError(
                admin().get().uri("/api/v1/configurations/Not_Valid").exchange(),
                400,
                "INVALID_REQUEST");
        admin().get()
                .uri("/api/v1/configurations/" + "a".repeat(101))
                .exchange()
                .expectStatus()
                .isBadRequest();
        get("/versions?limit=0").expectStatus().isBadRequest();
        get("/versions?limit=abc").expectStatus().isBadRequest();
        get("/versions?cursor=%%%").expectStatus().isBadRequest();
        get("/batch").expectStatus().isBadRequest();
        expectError(
                send(
                        HttpMethod.POST,
                        "/batch",
                        """
                        {"operations":[]}"""),
                400,
                "INVALID_REQUEST");
        admin().post()
                .uri(CONFIGURATION + "/versions/abc/rollback", serviceId)
                .exchange()
                .expectStatus()
                .isBadRequest();
        expectError(
                put(
                        withConfiguration(
                                """
                        {"n":1e999999}""")),
                400,
                "INVALID_JSON");
        expectError(
                put(
                        withConfiguration(
                                """
                        {"s":"a\\u0000b"}""")),
                400,
                "INVALID_JSON");
        expectError(
                send(
                        HttpMethod.POST,
                        "/batch",
                        """
                        {"operations":[null]}"""),
                400,
                "INVALID_REQUEST");
        expectError(
                admin().get()
                        .uri(
                                URI.create(
                                        "http://localhost:"
                                                + port
                                                + "/api/v1/configurations/"
                                                + serviceId
                                                + "?environment=%ff"))
                        .exchange(),
                400,
                "INVALID_REQUEST");
        expectError(
                admin().delete().uri(CONFIGURATION, serviceId).exchange(),
                405,
                "METHOD_NOT_ALLOWED");
    }

    @Test
    void everyChangeIsRecordedInHistoryWithDiffAndActor() {
        mergePatch(
                        "why",
                        """
                        {"feature":{"enabled":false}}""")
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

    /**
     * Sends the JSON body to this test's configuration, the uri suffix after its id, as the admin.
     */
    private RestTestClient.ResponseSpec send(HttpMethod method, String suffix, String body) {
        return sendJson(admin(), method, CONFIGURATION + suffix, body, serviceId);
    }

    /** Replaces this test's configuration with the body as the admin. */
    private RestTestClient.ResponseSpec put(String body) {
        return send(HttpMethod.PUT, "", body);
    }

    /** Reads this test's configuration, the uri suffix after its id, as the admin. */
    private RestTestClient.ResponseSpec get(String suffix) {
        return admin().get().uri(CONFIGURATION + suffix, serviceId).exchange();
    }

    /** Deletes below this test's configuration, the uri suffix after its id, as the admin. */
    private RestTestClient.ResponseSpec delete(String suffix) {
        return admin().delete().uri(CONFIGURATION + suffix, serviceId).exchange();
    }

    /** Merge-patches this test's configuration as the admin. */
    private RestTestClient.ResponseSpec mergePatch(String changeReason, String patch) {
        return admin().patch()
                .uri(CONFIGURATION + "?changeReason={reason}", serviceId, changeReason)
                .contentType(MERGE_PATCH)
                .body(patch)
                .exchange();
    }

    /** The write request body that holds the document. */
    private static String withConfiguration(String document) {
        return """
                {"configuration":%s}"""
                .formatted(document);
    }
}
