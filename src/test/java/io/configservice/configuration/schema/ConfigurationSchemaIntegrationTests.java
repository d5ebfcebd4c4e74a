package io.configservice.configuration.schema;

import io.configservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ConfigurationSchemaIntegrationTests extends IntegrationTest {

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
        createConfiguration(serviceId, "{\"port\":8080,\"pool\":{\"size\":5}}");
        admin().put()
                .uri("/api/v1/configurations/{id}/schema", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(SCHEMA)
                .exchange()
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
        String uri = "/api/v1/configurations/" + serviceId;
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"port\":\"http\"}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.success")
                .isEqualTo(false)
                .jsonPath("$.error")
                .isEqualTo(
                        "The change would make the effective configuration of '"
                                + serviceId
                                + "' break its schema in production")
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR")
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
        admin().patch()
                .uri(uri)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .body("{\"pool\":{\"size\":0}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.details[0].errors[0].path")
                .isEqualTo("pool.size");
        admin().delete()
                .uri(uri + "/port")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR");
        admin().post()
                .uri(uri + "/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"operations\":[{\"type\":\"SET\",\"key\":\"port\",\"value\":70000}]}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR");
        admin().put()
                .uri(uri + "/environments/production")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"name\":\"no port\"}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR");
        admin().post()
                .uri(uri + "?environment=staging")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{}}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR");
        admin().get().uri(uri).exchange().expectHeader().valueEquals("ETag", "\"1\"");

        admin().patch()
                .uri(uri)
                .contentType(MediaType.parseMediaType("application/merge-patch+json"))
                .body("{\"port\":9090}")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void rollbackToAVersionTheNewSchemaRejectsIsRefused() {
        String uri = "/api/v1/configurations/" + serviceId;
        admin().put()
                .uri(uri + "/schema?force=true")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"type\":\"object\"}")
                .exchange()
                .expectStatus()
                .isOk();
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"name\":\"x\"}}")
                .exchange()
                .expectStatus()
                .isOk();
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"port\":1}}")
                .exchange()
                .expectStatus()
                .isOk();
        admin().put()
                .uri(uri + "/schema?force=true")
                .contentType(MediaType.APPLICATION_JSON)
                .body(SCHEMA)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.schemaVersion")
                .isEqualTo(3);
        admin().post()
                .uri(uri + "/versions/2/rollback")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR");
        admin().post().uri(uri + "/versions/1/rollback").exchange().expectStatus().isOk();
    }

    @Test
    void validateChecksCandidateOrCurrentDocumentWithoutWriting() {
        String uri = "/api/v1/configurations/" + serviceId + "/validate";
        admin().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"port\":0,\"name\":5},\"changeReason\":\"try\"}")
                .exchange()
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
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.valid")
                .isEqualTo(true)
                .jsonPath("$.data.environments[0].errors.length()")
                .isEqualTo(0);
        admin().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"port\":0}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_REQUEST");
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectHeader()
                .valueEquals("ETag", "\"1\"");
    }

    @Test
    void schemaThatCurrentConfigurationsViolateConflictsUnlessForced() {
        String uri = "/api/v1/configurations/" + serviceId + "/schema";
        String stricter = "{\"type\":\"object\",\"required\":[\"port\",\"url\"]}";
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(stricter)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.success")
                .isEqualTo(false)
                .jsonPath("$.error")
                .isEqualTo(
                        "Effective configurations of '"
                                + serviceId
                                + "' violate this schema; fix them first or repeat with force=true")
                .jsonPath("$.code")
                .isEqualTo("SCHEMA_CONFLICT")
                .jsonPath("$.details[0].environment")
                .isEqualTo("production")
                .jsonPath("$.details[0].valid")
                .isEqualTo(false)
                .jsonPath("$.details[0].errors[0].message")
                .isNotEmpty();
        admin().get()
                .uri(uri)
                .exchange()
                .expectBody()
                .jsonPath("$.data.schemaVersion")
                .isEqualTo(1);
        admin().put()
                .uri(uri + "?force=true&description=stricter")
                .contentType(MediaType.APPLICATION_JSON)
                .body(stricter)
                .exchange()
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
        String uri = "/api/v1/configurations/" + serviceId + "/schema";
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"type\":\"nonsense\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_SCHEMA");
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"$schema\":\"http://example.com/custom\",\"type\":\"object\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_SCHEMA");
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
                                + "\"definitions\":{\"p\":{\"type\":\"integer\"}},\"properties\":{\"port\":{\"$ref\":\"#/definitions/p\"}}}")
                .exchange()
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
        String uri = "/api/v1/configurations/" + serviceId + "/schema";
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                {"type":"object","properties":{"port":{"type":"integer"},"name":{"pattern":"^(a+)+\\\\1$"}}}""")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.success")
                .isEqualTo(false)
                .jsonPath("$.error")
                .isEqualTo("Schema is not a valid JSON Schema")
                .jsonPath("$.code")
                .isEqualTo("INVALID_SCHEMA")
                .jsonPath("$.details[0].path")
                .isEqualTo("properties.name.pattern");
        admin().put()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        """
                {"type":"object","patternProperties":{"^(?=x)":{"type":"string"}}}""")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("INVALID_SCHEMA");
        admin().get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.schemaVersion")
                .isEqualTo(1);
    }
}
