package io.configservice.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import io.configservice.support.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same application with Redis configured but unreachable: reads still answer, from PostgreSQL.
 */
class RedisDownIntegrationTests extends IntegrationTest {

    @Autowired private MeterRegistry meters;

    /** The URL wins over the host and port the shared base registers. */
    @DynamicPropertySource
    static void unreachableRedis(DynamicPropertyRegistry registry) throws IOException {
        int closedPort = TestInfrastructure.freePort();
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closedPort);
    }

    @Test
    void readsAndWritesSucceedFromPostgresWhenRedisIsDown() {
        String serviceId = uniqueServiceId("no-redis");
        createConfiguration(serviceId, "{\"a\":1}");
        double errorsBefore = cacheErrors();

        for (int i = 0; i < 2; i++) {
            admin().get()
                    .uri("/api/v1/configurations/{id}", serviceId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.cached")
                    .isEqualTo(false)
                    .jsonPath("$.data.a")
                    .isEqualTo(1);
        }
        admin().get()
                .uri("/api/v1/configurations/{id}/a", serviceId)
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(cacheErrors()).isGreaterThan(errorsBefore);
        http.get()
                .uri("/api/v1/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.healthy")
                .isEqualTo(true)
                .jsonPath("$.checks[?(@.name == 'cache')].status")
                .isEqualTo("degraded");
        http.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(text -> assertThat(text).contains("configservice_cache_errors_total"));
    }

    private double cacheErrors() {
        return meters.find("configservice.cache.errors").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
