package io.configservice.reliability;

import java.time.Duration;

/** One scenario and what its run found, with how long it took. */
public record ScenarioRun(Scenario scenario, ScenarioResult result, Duration duration) {}
