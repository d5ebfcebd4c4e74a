package io.configservice.environment;

import io.configservice.web.ApiException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Knows which environments exist. The set of active ids is held in memory and refreshed periodically, so checking
 * an environment on the read path costs no query; an id not in the set is looked up once before it is refused.
 */
@Service
public class EnvironmentService {

    private final EnvironmentRepository environments;
    private volatile Set<String> activeIds = Set.of();

    public EnvironmentService(EnvironmentRepository environments) {
        this.environments = environments;
    }

    @Scheduled(fixedDelayString = "${configservice.environments.refresh-interval:30s}")
    @Transactional(readOnly = true)
    public void refresh() {
        activeIds = environments.findByActiveTrue().stream().map(Environment::id).collect(Collectors.toUnmodifiableSet());
    }

    /** @throws ApiException {@code INVALID_REQUEST} when no active environment has this id */
    @Transactional(readOnly = true)
    public void requireExists(String environment) {
        if (activeIds.contains(environment)) {
            return;
        }
        if (environment.length() > 50 || !environments.existsByIdAndActiveTrue(environment)) {
            throw ApiException.invalidRequest("Unknown environment '" + environment + "'");
        }
        refresh();
    }
}
