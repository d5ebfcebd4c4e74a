package io.configservice.health;

import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Asks every dependency for its state; healthy unless one is unhealthy (a degraded cache still serves). */
@Service
public class HealthService {

    private final List<DependencyCheck> checks;
    private final String version;

    public HealthService(List<DependencyCheck> checks, @Value("${configservice.version}") String version) {
        this.checks = checks;
        this.version = version;
    }

    public HealthReport report() {
        List<ComponentHealth> results = checks.stream().map(DependencyCheck::check).toList();
        return new HealthReport(results.stream().allMatch(ComponentHealth::serving), results, Instant.now(), version);
    }
}
