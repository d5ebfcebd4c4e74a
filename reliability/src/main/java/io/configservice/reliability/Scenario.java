package io.configservice.reliability;

/**
 * One fault scenario of the suite: what it does, the rule it must pass, and a run that reports one
 * figure. Implementations start what they need (server processes, outages) and stop it before they
 * return.
 */
public interface Scenario {

    /** The scenario's identifier in issue 17 and in the results table, for example {@code R1}. */
    String id();

    /**
     * One line: the fault and the load, for example "PostgreSQL restarted 5 times under mixed reads
     * and writes".
     */
    String title();

    /** The pass rule, as the results table prints it. */
    String passRule();

    /** Runs the scenario with the profile's sizes and returns its figure and verdict. */
    ScenarioResult run(SuiteContext context) throws Exception;
}
