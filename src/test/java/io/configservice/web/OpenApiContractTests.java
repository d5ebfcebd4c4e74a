package io.configservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code openapi.yaml} at the repository root is the published contract: it must agree with what
 * the running service serves at {@code /v3/api-docs} on paths, methods, parameters, request content
 * types and response codes. The served document is written to {@code target/openapi.generated.yaml}
 * so a deliberate API change can be published by copying it over {@code openapi.yaml}.
 */
class OpenApiContractTests extends IntegrationTest {

    private static final Path CONTRACT = Path.of("openapi.yaml");
    private static final Path GENERATED = Path.of("target", "openapi.generated.yaml");

    @Test
    void servedApiMatchesThePublishedContract() throws Exception {
        byte[] served =
                patientClient()
                        .get()
                        .uri("/v3/api-docs.yaml")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        Files.createDirectories(GENERATED.getParent());
        Files.write(GENERATED, served);
        YAMLMapper yaml = YAMLMapper.builder().build();
        JsonNode published = yaml.readTree(Files.readString(CONTRACT, StandardCharsets.UTF_8));
        JsonNode actual = yaml.readTree(new String(served, StandardCharsets.UTF_8));

        assertThat(shape(published))
                .as(
                        "openapi.yaml differs from /v3/api-docs; if the change is intended: cp %s %s",
                        GENERATED, CONTRACT)
                .isEqualTo(shape(actual));
        assertThat(published.at("/components/securitySchemes/ServiceAuth/name").asString())
                .isEqualTo("X-Service-Token");
    }

    /**
     * springdoc builds the document on the first request, which took ~10 s on a loaded 2-core
     * machine: longer than the default client's read timeout, so this one request may wait a
     * minute.
     */
    private RestTestClient patientClient() {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
        requests.setReadTimeout(Duration.ofMinutes(1));
        return RestTestClient.bindToServer(requests).baseUrl("http://localhost:" + port).build();
    }

    /** path → method → parameters, request content types and response codes, all sorted. */
    private static Map<String, Map<String, String>> shape(JsonNode document) {
        Map<String, Map<String, String>> paths = new TreeMap<>();
        document.path("paths")
                .properties()
                .forEach(
                        path -> {
                            Map<String, String> methods = new TreeMap<>();
                            path.getValue()
                                    .properties()
                                    .forEach(
                                            method -> {
                                                JsonNode operation = method.getValue();
                                                TreeSet<String> parameters = new TreeSet<>();
                                                operation
                                                        .path("parameters")
                                                        .values()
                                                        .forEach(
                                                                p ->
                                                                        parameters.add(
                                                                                p.path("in")
                                                                                                .asString()
                                                                                        + ":"
                                                                                        + p.path(
                                                                                                        "name")
                                                                                                .asString()
                                                                                        + (p.path(
                                                                                                                "required")
                                                                                                        .asBoolean()
                                                                                                ? ":required"
                                                                                                : "")));
                                                TreeSet<String> bodies =
                                                        new TreeSet<>(
                                                                operation
                                                                        .path("requestBody")
                                                                        .path("content")
                                                                        .propertyNames());
                                                TreeSet<String> codes =
                                                        new TreeSet<>(
                                                                operation
                                                                        .path("responses")
                                                                        .propertyNames());
                                                methods.put(
                                                        method.getKey(),
                                                        "parameters="
                                                                + parameters
                                                                + " body="
                                                                + bodies
                                                                + " responses="
                                                                + codes);
                                            });
                            paths.put(path.getKey(), methods);
                        });
        return paths;
    }
}
