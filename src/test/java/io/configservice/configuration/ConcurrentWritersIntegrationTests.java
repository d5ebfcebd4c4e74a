package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ConcurrentWritersIntegrationTests extends IntegrationTest {

    private static final int WRITERS = 8;
    private static final int WRITES_EACH = 15;

    @Autowired private JdbcTemplate jdbc;

    @Test
    void parallelWritersNeitherDuplicateNorSkipVersionsNorLoseWrites() throws Exception {
        String serviceId = uniqueServiceId("contended");
        createConfiguration(serviceId, "{}");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            results.add(
                    pool.submit(
                            () -> {
                                start.await();
                                List<Integer> versions = new ArrayList<>();
                                for (int i = 0; i < WRITES_EACH; i++) {
                                    byte[] body =
                                            admin().patch()
                                                    .uri("/api/v1/configurations/{id}", serviceId)
                                                    .contentType(
                                                            MediaType.parseMediaType(
                                                                    "application/merge-patch+json"))
                                                    .body(
                                                            "{\"w" + writer + "\":{\"k" + i + "\":"
                                                                    + i + "}}")
                                                    .exchange()
                                                    .expectStatus()
                                                    .isOk()
                                                    .expectBody()
                                                    .returnResult()
                                                    .getResponseBody();
                                    versions.add(readJson(body).at("/data/version").asInt());
                                }
                                return versions;
                            }));
        }
        start.countDown();
        List<Integer> reported = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
            reported.addAll(result.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();

        int expectedLatest = 1 + WRITERS * WRITES_EACH;
        assertThat(reported)
                .doesNotHaveDuplicates()
                .hasSize(WRITERS * WRITES_EACH)
                .allMatch(v -> v >= 2 && v <= expectedLatest);
        List<Integer> stored =
                jdbc.queryForList(
                        "SELECT version FROM service_configurations WHERE service_id = ? ORDER BY version",
                        Integer.class,
                        serviceId);
        assertThat(stored).hasSize(expectedLatest).first().isEqualTo(1);
        assertThat(stored).last().isEqualTo(expectedLatest);
        Integer historyRows =
                jdbc.queryForObject(
                        "SELECT count(*) FROM configuration_history WHERE service_id = ?",
                        Integer.class,
                        serviceId);
        assertThat(historyRows).isEqualTo(expectedLatest);

        byte[] latest =
                admin().get()
                        .uri("/api/v1/configurations/{id}", serviceId)
                        .exchange()
                        .expectHeader()
                        .valueEquals("ETag", "\"" + expectedLatest + "\"")
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        JsonNode data = readJson(latest).get("data");
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < WRITES_EACH; i++) {
                assertThat(data.at("/w" + w + "/k" + i).asInt(-1))
                        .as("write w%d.k%d", w, i)
                        .isEqualTo(i);
            }
        }
    }
}
