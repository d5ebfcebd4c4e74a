package io.configservice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite's short profile, part of the README's test command: every scenario with small sizes and
 * outages made by proxies, each a test of its own that fails with the scenario's evidence.
 */
class ShortProfileTests {

    @TestFactory
    Stream<DynamicTest> everyScenarioPassesItsRule() throws Exception {
        SuiteContext context =
                new SuiteContext(
                        Profile.SHORT,
                        FaultMode.PROXY,
                        Files.createDirectories(Path.of("target", "reliability").toAbsolutePath()));
        return Scenarios.all().stream()
                .map(
                        scenario ->
                                DynamicTest.dynamicTest(
                                        scenario.id() + " " + scenario.title(),
                                        () -> {
                                            List<ScenarioRun> runs =
                                                    ReliabilitySuite.run(
                                                            List.of(scenario), context);
                                            ScenarioResult result = runs.get(0).result();
                                            assertThat(result.passed())
                                                    .as(
                                                            "%s: %s%n%s",
                                                            scenario.passRule(),
                                                            result.figure(),
                                                            String.join("\n", result.evidence()))
                                                    .isTrue();
                                        }));
    }
}
