package io.configservice.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.testserver.ConfigServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The walkthrough of the example in docs/CLIENTS.md, against the real service's jar. */
@ExtendWith(OutputCaptureExtension.class)
class GreetingApplicationIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir Path snapshots;

    @Test
    void theGreetingFollowsTheServiceWithoutRestartAndComesFromTheSnapshotWhenTheServiceIsDown(
            CapturedOutput output) throws Exception {
        String service = "greeting-" + UUID.randomUUID().toString().substring(0, 8);
        ConfigServiceProcess server = ConfigServiceProcess.start();
        try {
            server.admin()
                    .putConfiguration(
                            service, "production", Map.of("greeting", Map.of("name", "readers")));
            String token = server.admin().issueToken(service, "config:read", "events:subscribe");
            try (ConfigurableApplicationContext app = start(server, service, token)) {
                JsonNode first = get(app, "/greeting");
                assertThat(first.get("text").asString()).isEqualTo("Hello, readers!");

                server.admin()
                        .putConfiguration(
                                service,
                                "production",
                                Map.of("greeting", Map.of("salutation", "Hi", "name", "readers")));

                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        get(app, "/greeting")
                                                .get("text")
                                                .asString()
                                                .equals("Hi, readers!"));
                assertThat(get(app, "/greeting").get("greeterCreatedAt").asString())
                        .isNotEqualTo(first.get("greeterCreatedAt").asString());
                assertThat(
                                get(app, "/actuator/health")
                                        .at("/components/configService/status")
                                        .asString())
                        .isEqualTo("UP");
            }
            server.kill();

            try (ConfigurableApplicationContext app = start(server, service, token)) {
                assertThat(get(app, "/greeting").get("text").asString()).isEqualTo("Hi, readers!");
                assertThat(
                                get(app, "/actuator/health")
                                        .at("/components/configService/status")
                                        .asString())
                        .isEqualTo("STALE");
                assertThat(output)
                        .contains("Config service unreachable")
                        .contains("starts from the snapshot at " + "revision 2");
            }
        } finally {
            server.close();
        }
    }

    private ConfigurableApplicationContext start(
            ConfigServiceProcess server, String service, String token) {
        return SpringApplication.run(
                GreetingApplication.class,
                "--server.port=0",
                "--configservice.client.url=" + server.baseUri(),
                "--configservice.client.token=" + token,
                "--spring.application.name=" + service,
                "--configservice.client.snapshot-dir=" + snapshots);
    }

    private JsonNode get(ConfigurableApplicationContext app, String path)
            throws IOException, InterruptedException {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body());
    }
}
