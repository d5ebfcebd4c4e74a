package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.support.IntegrationTest;
import io.configservice.support.RawStompClient;
import io.configservice.support.RawStompClient.Frame;
import io.configservice.support.StandaloneInstance;
import io.configservice.support.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Closing the application context, as SIGTERM does: readiness turns OUT_OF_SERVICE before the STOMP
 * clients are told, a connected session gets an ERROR frame saying the server is shutting down and
 * when to reconnect, a CONNECT arriving during the shutdown gets the same answer, a write held in
 * flight completes instead of being cut, and every read served just before the stop has its
 * access-audit row. The instance has a context of its own, since the test closes it.
 */
class GracefulShutdownIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int READS = 50;

    @Test
    void aStoppingReplicaTurnsUnreadyTellsStompClientsToReconnectAndDrainsRequestsAndAuditRows()
            throws Exception {
        ConfigurableApplicationContext context =
                StandaloneInstance.start(
                        "--spring.data.redis.database=10",
                        "--configservice.push.shutdown-retry-after=3s");
        List<Long> readinessRefusedAt = new CopyOnWriteArrayList<>();
        context.addApplicationListener(
                (ApplicationListener<ApplicationEvent>)
                        event -> {
                            if (event instanceof AvailabilityChangeEvent<?> change
                                    && change.getState() == ReadinessState.REFUSING_TRAFFIC) {
                                readinessRefusedAt.add(System.nanoTime());
                            }
                        });
        int port = StandaloneInstance.port(context);
        // the JDK client has no read timeout: on a loaded machine the first requests of a new
        // instance are slow
        RestTestClient admin =
                RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
                        .baseUrl("http://127.0.0.1:" + port)
                        .defaultHeader("X-Service-Token", IntegrationTest.ADMIN_TOKEN)
                        .build();
        String serviceId = "shutdown-" + Long.toString(System.nanoTime(), 36);
        String resource = "/api/v1/configurations/" + serviceId + "/environments/production";
        admin.put()
                .uri(resource)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"configuration\":{\"step\":1}}")
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        for (int i = 0; i < READS; i++) {
            admin.get().uri(resource).exchange().expectStatus().isOk();
        }
        RawStompClient connected = RawStompClient.connect(port, IntegrationTest.ADMIN_TOKEN);
        assertThat(connected.next(WAIT)).extracting(Frame::command).isEqualTo("CONNECTED");
        connected.send(
                "SUBSCRIBE",
                Map.of(
                        "id",
                        "0",
                        "destination",
                        "/topic/config." + serviceId + ".production",
                        "receipt",
                        "subscribed"),
                "");
        assertThat(connected.next("RECEIPT", WAIT)).isNotNull();
        RawStompClient connectingLate = RawStompClient.open(port);

        CompletableFuture<Integer> write;
        CompletableFuture<Void> closing;
        try (Connection database = database()) {
            String lockKey = "effective:" + serviceId;
            query(
                    database,
                    "SELECT 1 FROM (SELECT pg_advisory_lock(hashtextextended(?, 0))) AS locked",
                    lockKey);
            write =
                    CompletableFuture.supplyAsync(
                            () ->
                                    admin.put()
                                            .uri(resource)
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .body("{\"configuration\":{\"step\":2}}")
                                            .exchange()
                                            .returnResult()
                                            .getStatus()
                                            .value());
            await("the write waits for the service's lock")
                    .atMost(WAIT)
                    .until(
                            () ->
                                    query(
                                                    database,
                                                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                                                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                                            > 0);

            closing = CompletableFuture.runAsync(context::close);

            Frame told = connected.next("ERROR", WAIT);
            assertThat(told).as("a connected session is told").isNotNull();
            assertThat(told.headers())
                    .containsEntry("message", "server-shutting-down")
                    .containsEntry("retry-after", "3");
            assertThat(connected.next("CLOSED", WAIT)).as("and closed").isNotNull();
            assertThat(readinessRefusedAt)
                    .as("readiness turned false before the session was told")
                    .hasSize(1)
                    .allSatisfy(refusedAt -> assertThat(refusedAt).isLessThan(told.receivedAt()));
            assertThat(context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus())
                    .isEqualTo(Status.OUT_OF_SERVICE);

            connectingLate.send(
                    "CONNECT", Map.of("X-Service-Token", IntegrationTest.ADMIN_TOKEN), "");
            Frame refused = connectingLate.next(WAIT);
            assertThat(refused)
                    .as("a CONNECT during the shutdown is refused the same way")
                    .isNotNull();
            assertThat(refused.command()).isEqualTo("ERROR");
            assertThat(refused.headers())
                    .containsEntry("message", "server-shutting-down")
                    .containsEntry("retry-after", "3");
            assertThat(connectingLate.next("CLOSED", WAIT)).isNotNull();

            assertThat(write)
                    .as("the write is still held by the lock, the context still closing")
                    .isNotDone();
            assertThat(closing).isNotDone();
            query(database, "SELECT pg_advisory_unlock(hashtextextended(?, 0))::int", lockKey);

            assertThat(write.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the in-flight write completed")
                    .isEqualTo(200);
            closing.get(60, TimeUnit.SECONDS);
            assertThat(
                            query(
                                    database,
                                    "SELECT count(*) FROM configuration_access_log WHERE service_id = ?",
                                    serviceId))
                    .as("every read served before the stop is audited")
                    .isEqualTo(READS);
            assertThat(
                            query(
                                    database,
                                    "SELECT max(revision) FROM effective_configurations WHERE service_id = ?",
                                    serviceId))
                    .as("the drained write committed")
                    .isEqualTo(2);
        }
    }

    private static Connection database() throws SQLException {
        TestInfrastructure.Database database = TestInfrastructure.database();
        return DriverManager.getConnection(
                database.url(), database.username(), database.password());
    }

    private static long query(Connection database, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = database.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
