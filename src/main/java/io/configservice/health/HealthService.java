package io.configservice.health;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.configservice.ServiceProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Asks every dependency for its state; healthy unless one is unhealthy (a degraded cache still
 * serves). One round of checks answers every caller for {@link HealthProperties#checkInterval()},
 * so the unauthenticated health endpoint cannot be used to flood PostgreSQL, Redis or Vault. Each
 * check run is counted in {@code configservice.health.checks{dependency}}.
 */
@Service
public class HealthService {

    private static final String LATEST = "latest";

    private final List<DependencyCheck> checks;
    private final String version;
    private final Clock clock;
    private final MeterRegistry meters;

    /**
     * One entry that expires an interval after it was written. Caffeine computes a key once at a
     * time: the first caller after expiry runs the round and concurrent callers wait for that round
     * instead of starting their own.
     */
    private final LoadingCache<String, Round> latest;

    public HealthService(
            List<DependencyCheck> checks,
            ServiceProperties service,
            HealthProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.checks = checks;
        this.version = service.version();
        this.clock = clock;
        this.meters = meters;
        this.latest =
                Caffeine.newBuilder()
                        .expireAfterWrite(properties.checkInterval())
                        .build(key -> checkAll());
    }

    /** The latest round of checks; {@code timestamp} is when that round ran. */
    public HealthReport report() {
        Round round = latest.get(LATEST);
        return new HealthReport(
                round.checks().stream().allMatch(ComponentHealth::serving),
                round.checks(),
                round.checkedAt(),
                version);
    }

    /** One dependency's state from the latest round of checks. */
    Optional<ComponentHealth> component(String name) {
        return latest.get(LATEST).checks().stream()
                .filter(check -> check.name().equals(name))
                .findFirst();
    }

    private Round checkAll() {
        List<ComponentHealth> results = checks.stream().map(DependencyCheck::check).toList();
        results.forEach(
                result ->
                        meters.counter("configservice.health.checks", "dependency", result.name())
                                .increment());
        return new Round(results, clock.instant());
    }

    private record Round(List<ComponentHealth> checks, Instant checkedAt) {}
}
