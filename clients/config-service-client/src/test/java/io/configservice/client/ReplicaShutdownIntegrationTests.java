package io.configservice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configservice.testserver.ConfigServiceProcess;
import io.configservice.testserver.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica stopped the way Kubernetes stops a pod: its Service stops sending it new connections
 * (the proxy, the client's only URL, sends them to a second replica on the same database), then
 * SIGTERM ({@link Process#destroy()}). The client is told to reconnect, does so through the same
 * URL without reporting a failure, and resumes: a change made while it was between replicas arrives
 * from the change feed, one made after the switch by push, with no gap.
 */
class ReplicaShutdownIntegrationTests {

    private final ConfigServiceProcess staying = TestServices.server();

    @TempDir Path snapshots;

    @Test
    void aClientOfAStoppingReplicaMovesToAnotherBehindTheSameUrlAndResumesWithoutAGap() {
        ConfigServiceProcess stopping =
                ConfigServiceProcess.start(Map.of("CONFIGSERVICE_PUSH_SHUTDOWN_RETRY_AFTER", "1s"));
        RecordedLog log = RecordedLog.of(PushChannel.class, ConfigServiceClient.class);
        String service = TestServices.uniqueServiceId("replica-shutdown");
        staying.admin().putConfiguration(service, "production", Map.of("step", 0));
        List<ConfigurationUpdate> updates = new CopyOnWriteArrayList<>();
        try (TcpProxy service1 = TcpProxy.to(stopping.port());
                ConfigServiceClient client =
                        new ConfigServiceClient(
                                TestServices.settings(
                                                service1.baseUri(),
                                                staying.admin().issueToken(service),
                                                service,
                                                snapshots)
                                        .requestTimeout(Duration.ofSeconds(60))
                                        .build())) {
            client.addListener(updates::add);
            client.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.health().pushConnected());

            service1.hold();
            stopping.close();
            assertThat(stopping.log())
                    .contains("told 1 STOMP sessions to reconnect elsewhere, 0 still open");
            assertThat(client.health().pushConnected()).isFalse();
            staying.admin().putConfiguration(service, "production", Map.of("step", 1));
            service1.forwardTo(staying.port());

            await().atMost(Duration.ofSeconds(60)).until(() -> client.current().revision() == 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> client.health().pushConnected());
            staying.admin().putConfiguration(service, "production", Map.of("step", 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> client.current().revision() == 3);

            assertThat(updates)
                    .extracting(update -> update.current().at("step").asInt())
                    .containsExactly(1, 2);
            assertThat(updates)
                    .allSatisfy(
                            update ->
                                    assertThat(update.current().revision())
                                            .isEqualTo(update.previous().revision() + 1));
            assertThat(client.health().eventsReceived())
                    .as("step 1 came from the feed, step 2 by push")
                    .isEqualTo(1);
            assertThat(client.health().status()).isEqualTo(ClientStatus.UP);
            assertThat(log.messages(Level.INFO))
                    .anyMatch(message -> message.contains("replica is shutting down"))
                    .noneMatch(message -> message.contains("push channel down"));
            assertThat(log.messages(Level.WARNING)).as("a shutdown notice is no failure").isEmpty();
        } finally {
            log.close();
            stopping.close();
        }
    }

    /**
     * The client's log records (java.util.logging, where System.Logger writes without another
     * backend).
     */
    private static final class RecordedLog extends Handler {

        private final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final List<Logger> loggers;

        private RecordedLog(List<Logger> loggers) {
            this.loggers = loggers;
            loggers.forEach(logger -> logger.addHandler(this));
        }

        static RecordedLog of(Class<?>... sources) {
            return new RecordedLog(
                    Arrays.stream(sources)
                            .map(source -> Logger.getLogger(source.getName()))
                            .toList());
        }

        /** The formatted messages at this level or above. */
        List<String> messages(Level level) {
            return records.stream()
                    .filter(record -> record.getLevel().intValue() >= level.intValue())
                    .map(record -> new SimpleFormatter().formatMessage(record))
                    .toList();
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            loggers.forEach(logger -> logger.removeHandler(this));
        }
    }
}
