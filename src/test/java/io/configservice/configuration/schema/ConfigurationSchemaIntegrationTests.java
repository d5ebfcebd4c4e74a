package io.configservice.configuration.schema;

import io.configservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

class ConfigurationSchemaIntegrationTests extends IntegrationTest {

    private static final String CONFIGURATION = "/api/v1/configurations/{id}";

    private static final String SCHEMA =
            """
            {"type":"object","required":["port"],
             "properties":{"port":{"type":"integer","minimum":1,"maximum":65535},
                           "name":{"type":"string"},
                           "pool":{"type":"object","properties":{"size":{"type":"integer","minimum":1}}}}}""";

    private String serviceId;

    @BeforeEach
    void createServiceWithSchema() {
        serviceId = uniqueServiceId("schemed");
        createConfiguration(
                serviceId,
                """
                {"port":8080,"pool":{"size":5}}""");
        putSchema("", SCHEMA)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.schemaVersion")
                .isEqualTo(1)
                .jsonPath("$.data.schema.required[0]")
                .isEqualTo("port");
    }

    @Test
    void everyWritePathIsValidatedAndNothingInvalidIsStored() {
        expectErrorEnvelope(
                        send(
                                HttpMethod.PUT,
                                "",
                                """
                                {"configuration":{"port":"http"}}"""),
                        400,
                        "VALIDATION_ERROR",
                        "The change would make the effective configuration of '"
                                + serviceId
                                + "' break its schema in production")
                .jsonPath("$.timestamp")
                .exists()
                .jsonPath("$.details[0].environment")
                .isEqualTo("production")
                .jsonPath("$.details[0].valid")
                .isEqualTo(false)
                .jsonPath("$.details[0].errors[0].path")
                .isEqualTo("port")
                .jsonPath("$.details[0].errors[0].message")
                .isNotEmpty();
        mergePatch(
                        """
                        {"pool":{"size":0}}""")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details[0].errors[0].path")
                .isEqualTo("pool.size");
        expectError(
                admin().delete().uri(CONFIGURATION + "/port", serviceId).exchange(),
                400,
                "VALIDATION_ERROR");
        expectError(
                send(
                        HttpMethod.POST,
                        "/batch",
                        """
                        {"operations":[{"type":"SET","key":"port","value":70000}]}"""),
                400,
                "VALIDATION_ERROR");
        expectError(
                send(
                        HttpMethod.PUT,
                        "/environments/production",
                        """
                        {"configuration":{"name":"no port"}}"""),
                400,
                "VALIDATION_ERROR");
        expectError(
                send(
                        HttpMethod.POST,
                        "?environment=staging",
                        """
                        {"configuration":{}}"""),
                400,
                "VALIDATION_ERROR");
        admin().get()
                .uri(CONFIGURATION, serviceId)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"1\"");

        mergePatch(
                        """
                        {"port":9090}""")
                .expectStatus()
                .isOk();
    }

    @Test
    void rollbackToAVersionTheNewSchemaRejectsIsRefused() {
        putSchema(
                        "?force=true",
                        """
                        {"type":"object"}""")
                .expectStatus()
                .isOk();
        send(
                        HttpMethod.PUT,
                        "",
                        """
                        {"configuration":{"name":"x"}}""")
                .expectStatus()
                .isOk();
        send(
                        HttpMethod.PUT,
                        "",
                        """
                        {"configuration":{"port":1}}""")
                .expectStatus()
                .isOk();
        putSchema("?force=true", SCHEMA)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.schemaVersion")
                .isEqualTo(3);
        expectError(
                admin().post().uri(CONFIGURATION + "/versions/2/rollback", serviceId).exchange(),
                400,
                "VALIDATION_ERROR");
        admin().post()
                .uri(CONFIGURATION + "/versions/1/rollback", serviceId)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void validateChecksCandidateOrCurrentDocumentWithoutWriting() {
        send(
                        HttpMethod.POST,
                        "/validate",
                        """
                        {"configuration":{"port":0,"name":5},"changeReason":"try"}""")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.valid")
                .isEqualTo(false)
                .jsonPath("$.data.environments.length()")
                .isEqualTo(1)
                .jsonPath("$.data.environments[0].environment")
                .isEqualTo("production")
                .jsonPath("$.data.environments[0].errors.length()")
                .isEqualTo(2)
                .jsonPath("$.data.environments[0].errors[0].path")
                .isEqualTo("name")
                .jsonPath("$.data.environments[0].errors[1].path")
                .isEqualTo("port");
        admin().post()
                .uri(CONFIGURATION + "/validate", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.valid")
                .isEqualTo(true)
                .jsonPath("$.data.environments[0].errors.length()")
                .isEqualTo(0);
        expectError(
                send(
                        HttpMethod.POST,
                        "/validate",
                        """
                        {"port":0}"""),
                400,
                "INVALID_REQUEST");
        admin().get()
                .uri(CONFIGURATION, serviceId)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"1\"");
    }

    @Test
    void schemaThatCurrentConfigurationsViolateConflictsUnlessForced() {
        String stricter =
                """
                {"type":"object","required":["port","url"]}""";
        expectErrorEnvelope(
                        putSchema("", stricter),
                        409,
                        "SCHEMA_CONFLICT",
                        "Effective configurations of '"
                                + serviceId
                                + "' violate this schema; fix them first or repeat with force=true")
                .jsonPath("$.details[0].environment")
                .isEqualTo("production")
                .jsonPath("$.details[0].valid")
                .isEqualTo(false)
                .jsonPath("$.details[0].errors[0].message")
                .isNotEmpty();
        admin().get()
                .uri(CONFIGURATION + "/schema", serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.data.schemaVersion")
                .isEqualTo(1);
        putSchema("?force=true&description=stricter", stricter)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.schemaVersion")
                .isEqualTo(2)
                .jsonPath("$.data.description")
                .isEqualTo("stricter");
    }

    @Test
    void invalidSchemasAreRejected() {
        expectError(
                putSchema(
                        "",
                        """
                        {"type":"nonsense"}"""),
                400,
                "INVALID_SCHEMA");
        expectError(
                putSchema(
                        "",
                        """
                        {"$schema":"http://example.com/custom","type":"object"}"""),
                400,
                "INVALID_SCHEMA");
        putSchema(
                        "",
                        """
                        {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                         "definitions":{"p":{"type":"integer"}},"properties":{"port":{"$ref":"#/definitions/p"}}}""")
                .expectStatus()
                .isOk();
        admin().get()
                .uri("/api/v1/configurations/{id}/schema", uniqueServiceId("schemaless"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void patternsTheLinearTimeEngineCannotRunAreRefusedAndNothingIsStored() {
        expectErrorEnvelope(
                        putSchema(
                                "",
                                """
                {"type":"object","properties":{"port":{"type":"integer"},"name":{"pattern":"^(a+)+\\\\1$"}}}"""),
                        400,
                        "INVALID_SCHEMA",
                        "Schema is not a valid JSON Schema")
                .jsonPath("$.details[0].path")
                .isEqualTo("properties.name.pattern");
        expectError(
                putSchema(
                        "",
                        """
                        {"type":"object","patternProperties":{"^(?=x)":{"type":"string"}}}"""),
                400,
                "INVALID_SCHEMA");
        admin().get()
                .uri(CONFIGURATION + "/schema", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.schemaVersion")
                .isEqualTo(1);
    }

    /**
     * Sends the JSON body to this test's configuration, the uri suffix after its id, as the admin.
     */
    private RestTestClient.ResponseSpec send(HttpMethod method, String suffix, String body) {
        return sendJson(admin(), method, CONFIGURATION + suffix, body, serviceId);
    }

    /** Puts a schema for this test's configuration; the query may force it or describe it. */
    private RestTestClient.ResponseSpec putSchema(String query, String schema) {
        return send(HttpMethod.PUT, "/schema" + query, schema);
    }

    /** Asserts the whole error envelope: status, JSON content type, success, message and code. */
    private static RestTestClient.BodyContentSpec expectErrorEnvelope(
            RestTestClient.ResponseSpec response, int status, String code, String message) {
        return response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.success")
                .isEqualTo(false)
                .jsonPath("$.error")
                .isEqualTo(message)
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    private RestTestClient.ResponseSpec mergePatch(String patch) {
        return admin().patch()
                .uri(CONFIGURATION, serviceId)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .body(patch)
                .exchange();
    }
}
