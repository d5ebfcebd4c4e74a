package io.configservice.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import io.configservice.support.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Writes to one service that wait for its PostgreSQL lock queue in the replica ({@link
 * ServiceWriteQueue}) instead of each holding a pooled connection (10 in the tests) while it waits.
 */
class ServiceWriteQueueIntegrationTests extends IntegrationTest {

    private static final int WRITERS = 15;
    private static final MediaType MERGE_PATCH =
            MediaType.parseMediaType("application/merge-patch+json");

    @Test
    void moreWritersThanPooledConnectionsWaitingForOneServiceAllSucceedAndStarveNoOtherService()
            throws Exception {
        String serviceId = uniqueServiceId("queued");
        String other = uniqueServiceId("unqueued");
        createConfiguration(serviceId, "{\"n\":0}");
        createConfiguration(other, "{\"n\":0}");
        TestInfrastructure.Database database = TestInfrastructure.database();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (Connection holder =
                DriverManager.getConnection(
                        database.url(), database.username(), database.password())) {
            advisoryLock(holder, "pg_advisory_lock", serviceId);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int n = 1; n <= WRITERS; n++) {
                int value = n;
                answers.add(writers.submit(() -> patch(serviceId, value)));
            }
            Thread.sleep(1_000);
            assertThat(patch(other, 1))
                    .as("another service's write while %d writers wait for one service", WRITERS)
                    .isEqualTo(200);
            Thread.sleep(3_000);
            advisoryLock(holder, "pg_advisory_unlock", serviceId);

            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS))
                        .as("a write that waited longer than the pool's 3 s connection timeout")
                        .isEqualTo(200);
            }
        } finally {
            writers.shutdownNow();
        }
        assertThat(
                        getOk(admin(), "/api/v1/configurations/{id}", serviceId)
                                .at("/meta/version")
                                .asInt())
                .isEqualTo(WRITERS + 1);
    }

    private int patch(String serviceId, int value) {
        return admin().patch()
                .uri("/api/v1/configurations/{id}", serviceId)
                .contentType(MERGE_PATCH)
                .body("{\"n\":" + value + "}")
                .exchange()
                .returnResult(byte[].class)
                .getStatus()
                .value();
    }

    private static void advisoryLock(Connection connection, String function, String serviceId)
            throws Exception {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + function + "(hashtextextended(?, 0))")) {
            statement.setString(1, "effective:" + serviceId);
            statement.execute();
        }
    }
}
