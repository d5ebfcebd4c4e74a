package io.configservice.reliability;

import java.util.List;

/**
 * What one scenario run found.
 *
 * @param figure the one-line figure of the run, for example "10,000 acknowledged writes, 0 lost, 0
 *     answers of 500"
 * @param passed whether the pass rule held
 * @param evidence the counts behind the figure and, on failure, the first offending answers or
 *     events
 */
public record ScenarioResult(String figure, boolean passed, List<String> evidence) {

    public ScenarioResult {
        evidence = List.copyOf(evidence);
    }

    /** A result that passes when {@code passed} is true, with its evidence lines. */
    public static ScenarioResult of(boolean passed, String figure, List<String> evidence) {
        return new ScenarioResult(figure, passed, evidence);
    }
}
