package io.configservice.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/**
 * Group commit of the credential access log: concurrent reads share insert statements, yet each
 * value is answered only once its own row is committed, and a row that cannot be written fails its
 * read alone.
 */
class CredentialAccessLogIntegrationTests extends IntegrationTest {

    private static final int THREADS = 16;
    private static final int READS_PER_THREAD = 6;

    @Autowired private JdbcTemplate jdbc;
    @Autowired private MeterRegistry meters;

    @Test
    void everyConcurrentReadIsOnRecordWhenItsValueIsAnswered() throws Exception {
        String serviceId = uniqueServiceId("group");
        String key = serviceId + ".api-key";
        store(key, serviceId, "group-commit-value");
        DistributionSummary batches =
                meters.get("configservice.credential.access.batch.rows").summary();
        double rowsBefore = batches.totalAmount();
        long batchesBefore = batches.count();

        List<Integer> statuses =
                inParallel(
                        () -> {
                            EntityExchangeResult<byte[]> read =
                                    admin().get()
                                            .uri("/api/v1/credentials/{key}", key)
                                            .exchange()
                                            .returnResult(byte[].class);
                            if (read.getStatus().value() == 200) {
                                // the row must be committed already: this read's own connection
                                // sees it
                                assertThat(retrievals(key, true)).isPositive();
                            }
                            return read.getStatus().value();
                        });

        assertThat(statuses).hasSize(THREADS * READS_PER_THREAD).containsOnly(200);
        assertThat(retrievals(key, true)).isEqualTo(THREADS * READS_PER_THREAD);
        // the group commits are measured: every row counted in a batch, no more batches than rows
        assertThat(batches.totalAmount() - rowsBefore)
                .isGreaterThanOrEqualTo(THREADS * READS_PER_THREAD);
        assertThat(batches.count() - batchesBefore)
                .isBetween(1L, (long) (batches.totalAmount() - rowsBefore));
    }

    @Test
    void aReadWhoseRowCannotBeWrittenFailsWithoutFailingTheOthersInItsStatement() throws Exception {
        String serviceId = uniqueServiceId("closed");
        String refused = serviceId + ".refused";
        String accepted = serviceId + ".accepted";
        store(refused, serviceId, "never-answered-value");
        store(accepted, serviceId, "answered-value");
        String function = "refuse_" + serviceId.replace('-', '_');
        jdbc.execute(
                "CREATE FUNCTION "
                        + function
                        + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "IF NEW.credential_key = '"
                        + refused
                        + "' AND NEW.access_granted THEN "
                        + "RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$");
        jdbc.execute(
                "CREATE TRIGGER "
                        + function
                        + " BEFORE INSERT ON credential_access_log FOR EACH ROW "
                        + "EXECUTE FUNCTION "
                        + function
                        + "()");
        try {
            List<String> answers =
                    inParallel(
                            () -> {
                                String key =
                                        Thread.currentThread().getId() % 2 == 0
                                                ? refused
                                                : accepted;
                                EntityExchangeResult<byte[]> read =
                                        admin().get()
                                                .uri("/api/v1/credentials/{key}", key)
                                                .exchange()
                                                .returnResult(byte[].class);
                                String body =
                                        new String(
                                                read.getResponseBody() == null
                                                        ? new byte[0]
                                                        : read.getResponseBody());
                                return key + ":" + read.getStatus().value() + ":" + body;
                            });

            assertThat(answers)
                    .filteredOn(answer -> answer.startsWith(refused + ":"))
                    .isNotEmpty()
                    .allSatisfy(
                            answer ->
                                    assertThat(answer)
                                            .doesNotStartWith(refused + ":200")
                                            .doesNotContain("never-answered-value"));
            assertThat(answers)
                    .filteredOn(answer -> answer.startsWith(accepted + ":"))
                    .isNotEmpty()
                    .allSatisfy(answer -> assertThat(answer).startsWith(accepted + ":200"));
            assertThat(retrievals(refused, true)).isZero();
            assertThat(retrievals(accepted, true))
                    .isEqualTo(
                            answers.stream()
                                    .filter(answer -> answer.startsWith(accepted + ":"))
                                    .count());
        } finally {
            jdbc.execute("DROP TRIGGER " + function + " ON credential_access_log");
            jdbc.execute("DROP FUNCTION " + function + "()");
        }
    }

    private void store(String key, String serviceId, String value) {
        admin().post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        "{\"key\":\""
                                + key
                                + "\",\"value\":\""
                                + value
                                + "\",\"type\":\"api_key\",\"serviceId\":\""
                                + serviceId
                                + "\",\"environment\":\"production\"}")
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private long retrievals(String key, boolean granted) {
        Long count =
                jdbc.queryForObject(
                        "SELECT count(*) FROM credential_access_log WHERE credential_key = ? "
                                + "AND operation = 'RETRIEVE' AND access_granted = ?",
                        Long.class,
                        key,
                        granted);
        return count == null ? 0 : count;
    }

    private static <T> List<T> inParallel(Callable<T> read) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS * READS_PER_THREAD; i++) {
                futures.add(pool.submit(read));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
