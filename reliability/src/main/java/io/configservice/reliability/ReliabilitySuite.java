package io.configservice.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the scenarios one after another and prints one figure per scenario and the summary table
 * (reliability/run.sh is the documented way to start it):
 *
 * <pre>
 * --profile full|short      sizes of the run [full]
 * --faults real|proxy       how outages are made [real for full, proxy for short]
 * --only R1,R3              run only these scenarios
 * --results FILE            also write the table to FILE
 * --commit SHA              the commit the server jar was built from, for the table
 * </pre>
 *
 * Exits with 1 when a scenario fails.
 */
public final class ReliabilitySuite {

    private ReliabilitySuite() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Profile profile =
                Profile.valueOf(options.getOrDefault("--profile", "full").toUpperCase(Locale.ROOT));
        FaultMode faults =
                FaultMode.valueOf(
                        options.getOrDefault("--faults", profile == Profile.FULL ? "real" : "proxy")
                                .toUpperCase(Locale.ROOT));
        Set<String> only =
                Arrays.stream(options.getOrDefault("--only", "").split(","))
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .collect(Collectors.toSet());
        List<Scenario> scenarios =
                Scenarios.all().stream()
                        .filter(scenario -> only.isEmpty() || only.contains(scenario.id()))
                        .toList();
        SuiteContext context =
                new SuiteContext(
                        profile,
                        faults,
                        Files.createDirectories(Path.of("target", "reliability").toAbsolutePath()));
        Instant started = Instant.now();
        List<ScenarioRun> runs = run(scenarios, context);
        String table =
                ResultsTable.markdown(
                        runs, context, options.getOrDefault("--commit", "unknown"), started);
        System.out.println();
        System.out.println(table);
        if (options.containsKey("--results")) {
            Files.writeString(Path.of(options.get("--results")), table);
        }
        if (runs.stream().anyMatch(run -> !run.result().passed())) {
            System.exit(1);
        }
    }

    /** Runs each scenario, turning an exception into a failed result that names it. */
    public static List<ScenarioRun> run(List<Scenario> scenarios, SuiteContext context) {
        List<ScenarioRun> runs = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            System.out.printf("%s %s ...%n", scenario.id(), scenario.title());
            ScenarioRun run = runOne(scenario, context);
            System.out.printf(
                    "%s %s: %s (%d s)%n",
                    scenario.id(),
                    run.result().passed() ? "pass" : "FAIL",
                    run.result().figure(),
                    run.duration().toSeconds());
            run.result().evidence().forEach(line -> System.out.println("    " + line));
            runs.add(run);
        }
        return runs;
    }

    private static ScenarioRun runOne(Scenario scenario, SuiteContext context) {
        long start = System.nanoTime();
        ScenarioResult result;
        try {
            result = scenario.run(context);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            result = ScenarioResult.of(false, "did not complete: " + e, List.of(String.valueOf(e)));
        }
        return new ScenarioRun(scenario, result, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Map<String, String> options(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: " + String.join(" ", args));
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
