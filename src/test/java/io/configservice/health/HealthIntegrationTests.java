package io.configservice.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HealthIntegrationTests extends IntegrationTest {

    private static final List<String> DEPENDENCIES =
            List.of("database", "cache", "keyEncryption", "websocketBroker");
    private static final int REQUESTS = 200;
    private static final int CLIENTS = 16;

    @Autowired private MeterRegistry meters;

    @Autowired private HealthProperties properties;

    @Test
    void aFloodOfHealthRequestsAndProbesChecksEachDependencyAtMostOncePerInterval()
            throws Exception {
        Map<String, Double> before = checksRun();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String path = i % 2 == 0 ? "/api/v1/health" : "/actuator/health/readiness";
            statuses.add(
                    pool.submit(
                            () ->
                                    http.get()
                                            .uri(path)
                                            .exchange()
                                            .returnResult()
                                            .getStatus()
                                            .value()));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get(1, TimeUnit.MINUTES)).isEqualTo(200);
        }
        pool.shutdown();
        long elapsedNanos = System.nanoTime() - start;

        long rounds = elapsedNanos / properties.checkInterval().toNanos() + 1;
        Map<String, Double> after = checksRun();
        for (String dependency : DEPENDENCIES) {
            assertThat(after.get(dependency) - before.get(dependency))
                    .as(dependency)
                    .isLessThanOrEqualTo(rounds);
        }
    }

    @Test
    void healthReportsEveryDependencyInTheSpecShape() {
        http.get()
                .uri("/api/v1/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.healthy")
                .isEqualTo(true)
                .jsonPath("$.timestamp")
                .exists()
                .jsonPath("$.version")
                .isNotEmpty()
                .jsonPath("$.checks.length()")
                .isEqualTo(4)
                .jsonPath("$.checks[?(@.name == 'database')].status")
                .isEqualTo("healthy")
                .jsonPath("$.checks[?(@.name == 'cache')].mode")
                .isEqualTo("redis")
                .jsonPath("$.checks[?(@.name == 'cache')].status")
                .isEqualTo("healthy")
                .jsonPath("$.checks[?(@.name == 'keyEncryption')].status")
                .isEqualTo("healthy")
                .jsonPath("$.checks[?(@.name == 'websocketBroker')].status")
                .isEqualTo("healthy");
    }

    @Test
    void probesAndMetricsAreExposedWithoutAToken() {
        http.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        http.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(
                        text ->
                                assertThat(text)
                                        .contains("jvm_memory_used_bytes")
                                        .contains("http_server_requests_seconds_count")
                                        // no long-task timer per request (application.yml)
                                        .doesNotContain("http_server_requests_active"));
    }

    private Map<String, Double> checksRun() {
        return DEPENDENCIES.stream()
                .collect(
                        Collectors.toMap(
                                Function.identity(),
                                dependency -> {
                                    var counter =
                                            meters.find("configservice.health.checks")
                                                    .tag("dependency", dependency)
                                                    .counter();
                                    return counter == null ? 0.0 : counter.count();
                                }));
    }

    @Test
    void swaggerUiAndOpenApiDeclareTheServiceTokenScheme() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.components.securitySchemes.ServiceAuth.type")
                .isEqualTo("apiKey")
                .jsonPath("$.components.securitySchemes.ServiceAuth.in")
                .isEqualTo("header")
                .jsonPath("$.components.securitySchemes.ServiceAuth.name")
                .isEqualTo("X-Service-Token")
                .jsonPath("$.paths['/api/v1/configurations/{serviceId}'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/health'].get.security.length()")
                .isEqualTo(0);
    }
}
