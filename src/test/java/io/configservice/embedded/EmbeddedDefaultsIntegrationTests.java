package io.configservice.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.ConfigServiceApplication;
import io.configservice.audit.AccessAuditRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The jar on a machine with nothing configured: embedded PostgreSQL under the data directory (its
 * generated password beside it), in-process cache, local master key, generated admin token; and a
 * restart keeps the data and does not print the token again.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultsIntegrationTests {

    private static final Pattern GENERATED_TOKEN =
            Pattern.compile("(cst_admin\\.[A-Za-z0-9_-]{43})");

    @TempDir Path dataDir;

    @Test
    void restartKeepsDataAndShowsTheGeneratedAdminTokenOnlyOnce(CapturedOutput output)
            throws Exception {
        String token;
        try (ConfigurableApplicationContext first = start()) {
            String log = output.getAll();
            assertThat(log)
                    .contains("Database: embedded PostgreSQL")
                    .contains("Cache: in-process")
                    .contains("Key encryption key: local file")
                    .contains("STOMP broker: in-process simple broker");
            Matcher m = GENERATED_TOKEN.matcher(log);
            assertThat(m.find()).as("generated admin token printed at first start").isTrue();
            token = m.group(1);
            client(first, token)
                    .post()
                    .uri("/api/v1/configurations/survivor")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"configuration\":{\"kept\":true}}")
                    .exchange()
                    .expectStatus()
                    .isCreated();
            client(first, token)
                    .get()
                    .uri("/api/v1/health")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.checks[?(@.name == 'cache')].mode")
                    .isEqualTo("in-process");
            client(first, token)
                    .get()
                    .uri("/api/v1/configurations/survivor")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        assertThat(Files.isDirectory(dataDir.resolve("pg"))).isTrue();
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(dataDir.resolve("master.key"))))
                .isEqualTo("rw-------");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(dataDir.resolve("pg.password"))))
                .isEqualTo("rw-------");
        int printedBefore = occurrences(output.getAll(), token);

        try (ConfigurableApplicationContext second = start()) {
            client(second, token)
                    .get()
                    .uri("/api/v1/configurations/survivor")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.data.kept")
                    .isEqualTo(true)
                    .jsonPath("$.meta.version")
                    .isEqualTo(1);
            assertThat(output.getAll()).contains("Admin token: stored at an earlier start");
            assertThat(
                            second.getBean(AccessAuditRecorder.class)
                                    .awaitWritten(Duration.ofSeconds(10)))
                    .isTrue();
            Integer recordedReads =
                    second.getBean(JdbcTemplate.class)
                            .queryForObject(
                                    "SELECT count(*) FROM configuration_access_log WHERE service_id = 'survivor'",
                                    Integer.class);
            assertThat(recordedReads)
                    .as("the first run's read and this one's are both in the access log")
                    .isEqualTo(2);
        }
        assertThat(occurrences(output.getAll(), token)).isEqualTo(printedBefore);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ConfigServiceApplication.class)
                .run(
                        "--server.port=0",
                        "--configservice.data-dir=" + dataDir,
                        "--configservice.admin-token=",
                        "--spring.jmx.enabled=false");
    }

    private static RestTestClient client(ConfigurableApplicationContext context, String token) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("X-Service-Token", token)
                .build();
    }

    private static int occurrences(String text, String token) {
        return text.split(Pattern.quote(token), -1).length - 1;
    }
}
