package io.configservice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.IntegrationTest;
import io.configservice.support.PostgresFaultProxy;
import io.configservice.support.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The service with its PostgreSQL behind {@link PostgresFaultProxy}: a stream of writes through
 * repeated immediate "restarts" (every connection reset, new ones refused as by a starting server)
 * and through administrator terminations of every backend behind the proxy. No request may answer
 * 500, every failure is 503 with {@code Retry-After}, no write answered 2xx may be missing
 * afterwards, and the service recovers by itself. The context is closed after the class rather than
 * cached, so its pool and background jobs stop before the proxy goes away with the JVM.
 */
@DirtiesContext
class DatabaseRestartIntegrationTests extends IntegrationTest {

    private static final PostgresFaultProxy PROXY =
            PostgresFaultProxy.before(TestInfrastructure.database().url());
    private static final int WRITERS = 4;
    private static final int OUTAGES = 4;
    private static final Duration OUTAGE = Duration.ofMillis(800);
    private static final Duration BETWEEN_OUTAGES = Duration.ofMillis(1500);
    private static final Duration RECOVERY = Duration.ofSeconds(10);

    /** The pool's own URL wins over the {@code spring.datasource.url} the shared base registers. */
    @DynamicPropertySource
    static void databaseBehindTheProxy(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.hikari.jdbc-url",
                () -> PROXY.jdbcUrl(TestInfrastructure.database().url()));
    }

    private record Outcome(String serviceId, int n, int status, String retryAfter, String body) {}

    @Test
    void writesThroughDatabaseRestartsAnswer503WithRetryAfterAndNoAcknowledgedWriteIsLost()
            throws Exception {
        List<String> services = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String serviceId = uniqueServiceId("restart-" + w);
            services.add(serviceId);
            // an earlier attempt that answered 503 may have committed it
            assertThat(
                            afterRecovery(
                                            () ->
                                                    admin().post()
                                                            .uri(
                                                                    "/api/v1/configurations/{id}",
                                                                    serviceId)
                                                            .contentType(MediaType.APPLICATION_JSON)
                                                            .body("{\"configuration\":{\"n\":0}}")
                                                            .exchange()
                                                            .expectBody(String.class)
                                                            .returnResult())
                                    .getStatus()
                                    .value())
                    .isIn(201, 409);
        }
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (String serviceId : services) {
            writers.add(
                    pool.submit(
                            () -> {
                                RestTestClient client = admin();
                                for (int n = 1; writing.get(); n++) {
                                    outcomes.add(write(client, serviceId, n));
                                }
                            }));
        }

        for (int i = 0; i < OUTAGES; i++) {
            Thread.sleep(BETWEEN_OUTAGES.toMillis());
            if (i % 2 == 0) {
                PROXY.goDown();
                Thread.sleep(OUTAGE.toMillis());
                PROXY.comeBack();
            } else {
                terminateTheBackendsBehindTheProxy();
            }
        }
        Thread.sleep(BETWEEN_OUTAGES.toMillis());
        writing.set(false);
        for (Future<?> writer : writers) {
            writer.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Outcome> failures = outcomes.stream().filter(o -> o.status() / 100 != 2).toList();
        System.out.printf(
                "Database restarts: %d writes, %d failed (%d answered 500)%n",
                outcomes.size(),
                failures.size(),
                failures.stream().filter(o -> o.status() == 500).count());
        assertThat(failures)
                .allSatisfy(
                        failure -> {
                            assertThat(failure.status()).as(failure.body()).isEqualTo(503);
                            assertThat(failure.retryAfter()).as(failure.body()).isNotBlank();
                            assertThat(failure.body()).contains("DEPENDENCY_UNAVAILABLE");
                        });
        for (Outcome acknowledged : outcomes.stream().filter(o -> o.status() / 100 == 2).toList()) {
            EntityExchangeResult<String> stored =
                    afterRecovery(
                            () ->
                                    admin().get()
                                            .uri(
                                                    "/api/v1/configurations/{id}?version={v}",
                                                    acknowledged.serviceId(),
                                                    version(acknowledged))
                                            .exchange()
                                            .expectBody(String.class)
                                            .returnResult());
            assertThat(stored.getStatus().value()).as(acknowledged.toString()).isEqualTo(200);
            assertThat(readJson(stored.getResponseBody().getBytes()).at("/data/n").asInt())
                    .as(acknowledged.toString())
                    .isEqualTo(acknowledged.n());
        }
        EntityExchangeResult<String> after =
                afterRecovery(
                        () ->
                                admin().put()
                                        .uri("/api/v1/configurations/{id}", services.get(0))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .body("{\"configuration\":{\"n\":-1}}")
                                        .exchange()
                                        .expectBody(String.class)
                                        .returnResult());
        assertThat(after.getStatus().value()).as(after.getResponseBody()).isEqualTo(200);
    }

    @Test
    void aTokenThatMustBeLookedUpWhileTheDatabaseIsDownAnswers503WithRetryAfter() {
        String serviceId = uniqueServiceId("token-outage");
        String token = issueToken(serviceId, "config:read");
        PROXY.goDown();
        try {
            as(token)
                    .get()
                    .uri("/api/v1/configurations/{id}", serviceId)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .exists(HttpHeaders.RETRY_AFTER)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("DEPENDENCY_UNAVAILABLE");
        } finally {
            PROXY.comeBack();
        }
        assertThat(
                        afterRecovery(
                                        () ->
                                                as(token)
                                                        .get()
                                                        .uri(
                                                                "/api/v1/configurations/{id}",
                                                                serviceId)
                                                        .exchange()
                                                        .expectBody(String.class)
                                                        .returnResult())
                                .getStatus()
                                .value())
                .isEqualTo(404);
    }

    /**
     * Repeats the request while it answers 503, for at most {@link #RECOVERY}: after an outage,
     * each pooled connection that broke fails once (503) before the pool replaces it, and the
     * service must recover without a restart.
     */
    private static EntityExchangeResult<String> afterRecovery(
            Supplier<EntityExchangeResult<String>> request) {
        return await().atMost(RECOVERY)
                .pollDelay(Duration.ZERO)
                .until(request::get, result -> result.getStatus().value() != 503);
    }

    private static Outcome write(RestTestClient client, String serviceId, int n) {
        EntityExchangeResult<String> result =
                client.put()
                        .uri("/api/v1/configurations/{id}", serviceId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(
                                "{\"configuration\":{\"n\":"
                                        + n
                                        + "},\"changeReason\":\"restart test\"}")
                        .exchange()
                        .expectBody(String.class)
                        .returnResult();
        String retryAfter = result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        return new Outcome(
                serviceId,
                n,
                result.getStatus().value(),
                retryAfter == null ? "" : retryAfter,
                String.valueOf(result.getResponseBody()));
    }

    private int version(Outcome acknowledged) {
        return readJson(acknowledged.body().getBytes()).at("/data/version").asInt();
    }

    /**
     * What an administrator's pg_terminate_backend (or a crash of one backend) does: FATAL 57P01 on
     * each connection of this test's pool, found by the proxy's ports; other contexts' connections
     * to the same database are spared.
     */
    private static void terminateTheBackendsBehindTheProxy() throws SQLException {
        TestInfrastructure.Database database = TestInfrastructure.database();
        try (Connection connection =
                        DriverManager.getConnection(
                                database.url(), database.username(), database.password());
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE client_port = ANY (?)")) {
            statement.setArray(
                    1, connection.createArrayOf("integer", PROXY.upstreamPorts().toArray()));
            statement.execute();
        }
    }
}
