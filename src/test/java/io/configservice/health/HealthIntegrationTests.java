package io.configservice.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class HealthIntegrationTests extends IntegrationTest {

    @Test
    void healthReportsEveryDependencyInTheSpecShape() {
        http.get().uri("/api/v1/health").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.healthy").isEqualTo(true)
                .jsonPath("$.timestamp").exists()
                .jsonPath("$.version").isNotEmpty()
                .jsonPath("$.checks.length()").isEqualTo(4)
                .jsonPath("$.checks[?(@.name == 'database')].status").isEqualTo("healthy")
                .jsonPath("$.checks[?(@.name == 'cache')].mode").isEqualTo("redis")
                .jsonPath("$.checks[?(@.name == 'cache')].status").isEqualTo("healthy")
                .jsonPath("$.checks[?(@.name == 'keyEncryption')].status").isEqualTo("healthy")
                .jsonPath("$.checks[?(@.name == 'websocketBroker')].status").isEqualTo("healthy");
    }

    @Test
    void probesAndMetricsAreExposedWithoutAToken() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes")
                        .contains("http_server_requests"));
    }

    @Test
    void swaggerUiAndOpenApiDeclareTheServiceTokenScheme() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.securitySchemes.ServiceAuth.type").isEqualTo("apiKey")
                .jsonPath("$.components.securitySchemes.ServiceAuth.in").isEqualTo("header")
                .jsonPath("$.components.securitySchemes.ServiceAuth.name").isEqualTo("X-Service-Token")
                .jsonPath("$.paths['/api/v1/configurations/{serviceId}'].get").exists()
                .jsonPath("$.paths['/api/v1/health'].get.security.length()").isEqualTo(0);
    }
}
