package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class ConfigurationTransferIntegrationTests extends IntegrationTest {

    private static final String DOCUMENT =
            """
            {"server":{"port":8080,"ssl":false,"ratio":0.75,"hosts":["a","b"]},"name":"orders",
             "limits":{"big":12345678901234,"tags":[{"k":"x"},{"k":"y"}]}}""";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "json, application/json",
        "yaml, application/yaml",
        "properties, text/x-java-properties"
    })
    void exportThenImportIsLossless(String format, String mediaType) {
        String source = uniqueServiceId("export");
        createConfiguration(source, DOCUMENT);
        byte[] exported =
                admin().get()
                        .uri("/api/v1/configurations/{id}/export?format={f}", source, format)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.parseMediaType(mediaType))
                        .expectHeader()
                        .valueMatches(
                                "Content-Disposition",
                                ".*attachment.*" + source + "-production\\." + format + ".*")
                        .expectBody()
                        .returnResult()
                        .getResponseBody();

        String target = uniqueServiceId("import");
        admin().post()
                .uri("/api/v1/configurations/{id}/import?changeReason=copy", target)
                .contentType(MediaType.parseMediaType(mediaType))
                .body(exported)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(1);

        JsonNode original =
                readJson(
                                admin().get()
                                        .uri("/api/v1/configurations/{id}", source)
                                        .exchange()
                                        .expectBody()
                                        .returnResult()
                                        .getResponseBody())
                        .get("data");
        JsonNode imported =
                readJson(
                                admin().get()
                                        .uri("/api/v1/configurations/{id}", target)
                                        .exchange()
                                        .expectBody()
                                        .returnResult()
                                        .getResponseBody())
                        .get("data");
        assertThat(imported).isEqualTo(original);
    }

    @Test
    void propertiesExportIsFlattenedTheWaySpringBootReadsIt() {
        String serviceId = uniqueServiceId("props");
        createConfiguration(serviceId, DOCUMENT);
        byte[] exported =
                admin().get()
                        .uri("/api/v1/configurations/{id}/export?format=properties", serviceId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        assertThat(new String(exported, StandardCharsets.ISO_8859_1))
                .contains("server.port=8080")
                .contains("server.hosts[1]=b")
                .contains("limits.tags[0].k=x");
    }

    @Test
    void importMergesOrReplacesAsOneVersionAndIsSchemaValidated() {
        String serviceId = uniqueServiceId("merge");
        createConfiguration(serviceId, "{\"keep\":1,\"change\":1}");
        admin().post()
                .uri("/api/v1/configurations/{id}/import?mode=merge", serviceId)
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body("change: 2\nadded: true\n")
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
                .jsonPath("$.data.keep")
                .isEqualTo(1)
                .jsonPath("$.data.change")
                .isEqualTo(2)
                .jsonPath("$.data.added")
                .isEqualTo(true);
        admin().post()
                .uri("/api/v1/configurations/{id}/import", serviceId)
                .contentType(MediaType.parseMediaType("text/x-java-properties"))
                .body("only=1\n")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.version")
                .isEqualTo(3);
        admin().get()
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectBody()
                .jsonPath("$.data.only")
                .isEqualTo(1)
                .jsonPath("$.data.keep")
                .doesNotExist();

        admin().put()
                .uri("/api/v1/configurations/{id}/schema?force=true", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"type\":\"object\",\"properties\":{\"only\":{\"type\":\"integer\"}}}")
                .exchange()
                .expectStatus()
                .isOk();
        admin().post()
                .uri("/api/v1/configurations/{id}/import", serviceId)
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body("only: text\n")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void rejectsBadFormatsModesAndBodies() {
        String serviceId = uniqueServiceId("bad");
        createConfiguration(serviceId, "{\"a\":1}");
        admin().get()
                .uri("/api/v1/configurations/{id}/export?format=xml", serviceId)
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin().post()
                .uri("/api/v1/configurations/{id}/import?mode=upsert", serviceId)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{}")
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin().post()
                .uri("/api/v1/configurations/{id}/import", serviceId)
                .contentType(MediaType.TEXT_PLAIN)
                .body("a=1")
                .exchange()
                .expectStatus()
                .isEqualTo(415);
        admin().post()
                .uri("/api/v1/configurations/{id}/import", serviceId)
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body("a: [1, 2\n")
                .exchange()
                .expectStatus()
                .isBadRequest();
        admin().post()
                .uri("/api/v1/configurations/{id}/import", serviceId)
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body("- 1\n- 2\n")
                .exchange()
                .expectStatus()
                .isBadRequest();
        String laughs =
                "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                        + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                        + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        admin().post()
                .uri("/api/v1/configurations/{id}/import", serviceId)
                .contentType(MediaType.parseMediaType("application/yaml"))
                .body(laughs)
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
