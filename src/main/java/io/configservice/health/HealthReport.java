package io.configservice.health;

import java.time.Instant;
import java.util.List;

/** The spec's health answer: {@code {healthy, checks, timestamp, version}}. */
public record HealthReport(
        boolean healthy, List<ComponentHealth> checks, Instant timestamp, String version) {}
