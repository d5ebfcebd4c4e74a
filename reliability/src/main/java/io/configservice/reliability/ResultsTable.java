package io.configservice.reliability;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The summary of a run as a Markdown table, with what it ran on, for the console and
 * reliability/RESULTS.md.
 */
final class ResultsTable {

    private ResultsTable() {}

    static String markdown(
            List<ScenarioRun> runs, SuiteContext context, String commit, Instant started) {
        StringBuilder out = new StringBuilder();
        out.append("Run of ")
                .append(started.truncatedTo(ChronoUnit.SECONDS))
                .append(", commit ")
                .append(commit)
                .append(", profile ")
                .append(context.profile().name().toLowerCase())
                .append(", faults by ")
                .append(context.faultMode().name().toLowerCase())
                .append(", Java ")
                .append(Runtime.version())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs.\n\n");
        out.append("| scenario | fault and load | pass rule | figure | verdict | seconds |\n");
        out.append("| --- | --- | --- | --- | --- | --: |\n");
        for (ScenarioRun run : runs) {
            out.append("| ")
                    .append(run.scenario().id())
                    .append(" | ")
                    .append(cell(run.scenario().title()))
                    .append(" | ")
                    .append(cell(run.scenario().passRule()))
                    .append(" | ")
                    .append(cell(run.result().figure()))
                    .append(" | ")
                    .append(run.result().passed() ? "pass" : "**FAIL**")
                    .append(" | ")
                    .append(run.duration().toSeconds())
                    .append(" |\n");
        }
        long failed = runs.stream().filter(run -> !run.result().passed()).count();
        out.append('\n')
                .append(runs.size() - failed)
                .append(" of ")
                .append(runs.size())
                .append(" scenarios passed.\n");
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
