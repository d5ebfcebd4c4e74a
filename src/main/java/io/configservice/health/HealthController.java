package io.configservice.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/health}: 200 when every dependency serves, 503 otherwise. No authentication. */
@RestController
@Tag(name = "Health")
class HealthController {

    private final HealthService healthService;

    HealthController(HealthService healthService) {
        this.healthService = healthService;
    }

    @GetMapping("/api/v1/health")
    @SecurityRequirements
    @Operation(summary = "Health of the service and each dependency")
    ResponseEntity<HealthReport> health() {
        HealthReport report = healthService.report();
        return ResponseEntity.status(report.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(report);
    }
}
