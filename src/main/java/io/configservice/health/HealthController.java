package io.configservice.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/health}: 200 when every dependency serves, 503 otherwise. No authentication.
 */
@RestController
@Tag(name = "Health")
class HealthController {

    private final HealthService healthService;

    HealthController(HealthService healthService) {
        this.healthService = healthService;
    }

    @GetMapping(path = "/api/v1/health", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "Health of the service and each dependency")
    @ApiResponse(
            responseCode = "200",
            description = "Every dependency serves (a cache may be degraded)")
    @ApiResponse(responseCode = "503", description = "A dependency is down")
    ResponseEntity<HealthReport> health() {
        HealthReport report = healthService.report();
        return ResponseEntity.status(
                        report.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(report);
    }
}
