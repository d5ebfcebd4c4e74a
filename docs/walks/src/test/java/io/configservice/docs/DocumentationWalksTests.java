package io.configservice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.testserver.ConfigServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every marked walk of the documentation (docs/walks/README.md) with bash against one server
 * process, in the order of {@link DocumentationFiles#all}, each after the ones before it on the
 * same service.
 */
class DocumentationWalksTests {

    /**
     * The documentation's examples address the service at its default port; the walks reach the
     * test process.
     */
    private static final String DOCUMENTED_BASE_URL = "http://localhost:8011";

    private static final String JWT_SECRET = "docs-walks-jwt-secret-of-at-least-32-bytes";
    private static final long WALK_TIMEOUT_SECONDS = 120;

    private static final Path ROOT = DocumentationFiles.root();
    private static final List<Walk> WALKS =
            DocumentationFiles.all(ROOT).stream()
                    .flatMap(file -> new MarkdownDocument(file).walks().stream())
                    .toList();

    private static ConfigServiceProcess server;

    @TempDir static Path scratch;

    @BeforeAll
    static void startServer() {
        server = ConfigServiceProcess.start(Map.of("JWT_SECRET", JWT_SECRET));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void walkNamesAreUnique() {
        Map<String, Long> counts =
                WALKS.stream().collect(Collectors.groupingBy(Walk::name, Collectors.counting()));
        assertThat(counts).allSatisfy((name, count) -> assertThat(count).as(name).isOne());
        assertThat(WALKS).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyWalkRunsToTheEnd() {
        return WALKS.stream()
                .map(walk -> DynamicTest.dynamicTest(walk.toString(), () -> run(walk)));
    }

    private void run(Walk walk) throws IOException, InterruptedException {
        Path script = scratch.resolve(walk.name() + ".sh");
        Files.writeString(
                script,
                "set -euo pipefail\n"
                        + walk.script().replace(DOCUMENTED_BASE_URL, server.baseUri().toString())
                        + "\n");
        Path output = scratch.resolve(walk.name() + ".out");
        ProcessBuilder bash =
                new ProcessBuilder("bash", script.toString())
                        .directory(ROOT.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        bash.environment()
                .putAll(
                        Map.of(
                                "CONFIG_ADMIN_TOKEN",
                                server.adminToken(),
                                "JWT_SECRET",
                                JWT_SECRET));
        Process process = bash.start();
        boolean finished = process.waitFor(WALK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String transcript = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished)
                .as(
                        "the walk %s finished within %d s; its output:%n%s",
                        walk, WALK_TIMEOUT_SECONDS, transcript)
                .isTrue();
        assertThat(process.exitValue())
                .as("exit code of the walk %s; its output:%n%s", walk, transcript)
                .isZero();
    }
}
