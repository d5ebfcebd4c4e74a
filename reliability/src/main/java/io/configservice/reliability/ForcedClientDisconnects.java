package io.configservice.reliability;

import io.configservice.client.ClientSettings;
import io.configservice.client.ConfigServiceClient;
import io.configservice.client.ConfigurationUpdate;
import io.configservice.testserver.ConfigServiceProcess;
import io.configservice.testserver.TcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * R7: the Java client (config-service-client) reaches the service through a proxy that is cut again
 * and again while a writer keeps changing the configuration. Each time the client reconnects it
 * resumes from the change feed; the revisions it applies must follow one another without a gap or a
 * step back, and end at the service's last revision.
 */
final class ForcedClientDisconnects implements Scenario {

    private static final Duration RECONNECT_LIMIT = Duration.ofSeconds(30);
    private static final int KEPT_SAMPLES = 5;

    @Override
    public String id() {
        return "R7";
    }

    @Override
    public String title() {
        return "forced disconnects of the Java client during a write stream (short 20, full 500)";
    }

    @Override
    public String passRule() {
        return "after each resume 0 gaps and 0 reorders in the applied revisions, ending at the last revision";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        int disconnects = context.profile().pick(20, 500);
        FaultableService service = FaultableService.shared(context);
        ConfigServiceProcess server = service.server();
        ServiceCalls calls = service.adminCalls();
        String serviceId = FaultableService.uniqueServiceId("r7");
        String layer = "/api/v1/configurations/" + serviceId + "/environments/production";
        calls.send(
                        "PUT",
                        layer,
                        Map.of(),
                        Map.of("configuration", Map.of("step", 0), "changeReason", "r7 initial"))
                .requireData("creating " + serviceId);
        List<ConfigurationUpdate> updates = new CopyOnWriteArrayList<>();
        AtomicInteger writes = new AtomicInteger();
        StatusCounts writeAnswers = new StatusCounts();
        int cuts = 0;
        long startRevision;
        long lastRevision;
        long appliedRevision;
        try (TcpProxy proxy = TcpProxy.to(server.port());
                ConfigServiceClient client =
                        new ConfigServiceClient(
                                ClientSettings.builder()
                                        .url(proxy.baseUri())
                                        .token(server.admin().issueToken(serviceId))
                                        .serviceId(serviceId)
                                        .environment("production")
                                        .pollInterval(Duration.ofHours(1))
                                        .reconnectDelays(
                                                Duration.ofMillis(50), Duration.ofMillis(500))
                                        .build())) {
            client.start();
            startRevision = client.current().revision();
            client.addListener(updates::add);
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer =
                    new Thread(
                            () -> writeStream(calls, layer, writing, writes, writeAnswers),
                            "r7-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                for (; cuts < disconnects; cuts++) {
                    if (!await(() -> client.health().pushConnected(), RECONNECT_LIMIT)) {
                        break;
                    }
                    Thread.sleep(ThreadLocalRandom.current().nextLong(20, 200));
                    proxy.cut();
                    Thread.sleep(ThreadLocalRandom.current().nextLong(0, 100));
                    proxy.restore();
                }
            } finally {
                writing.set(false);
                writer.join();
            }
            ServiceCalls.Answer last = calls.get(layer);
            last.requireData("reading " + layer);
            lastRevision = last.body().get("meta").get("revision").asLong();
            await(() -> client.health().appliedRevision() >= lastRevision, RECONNECT_LIMIT);
            appliedRevision = client.health().appliedRevision();
        }
        return verdict(
                disconnects,
                cuts,
                startRevision,
                lastRevision,
                appliedRevision,
                List.copyOf(updates),
                writes.get(),
                writeAnswers);
    }

    private static ScenarioResult verdict(
            int disconnects,
            int cuts,
            long startRevision,
            long lastRevision,
            long appliedRevision,
            List<ConfigurationUpdate> updates,
            int writes,
            StatusCounts writeAnswers) {
        long gaps = 0;
        long reorders = 0;
        long expected = startRevision;
        List<String> evidence = new ArrayList<>();
        for (ConfigurationUpdate update : updates) {
            long revision = update.current().revision();
            if (revision > expected + 1) {
                gaps++;
            } else if (revision <= expected) {
                reorders++;
            }
            if (revision != expected + 1 && evidence.size() < KEPT_SAMPLES) {
                evidence.add(
                        "applied revision "
                                + revision
                                + " after "
                                + expected
                                + " (update from "
                                + update.previous().revision()
                                + ")");
            }
            expected = Math.max(expected, revision);
        }
        evidence.add(
                0,
                "writes "
                        + writeAnswers
                        + "; revisions "
                        + startRevision
                        + " → "
                        + lastRevision
                        + ", "
                        + updates.size()
                        + " applied, client at "
                        + appliedRevision);
        boolean passed =
                cuts == disconnects
                        && gaps == 0
                        && reorders == 0
                        && appliedRevision == lastRevision
                        && lastRevision > startRevision;
        String figure =
                String.format(
                        "%d of %d disconnects, %,d writes acknowledged: %,d revisions applied, %d gaps, "
                                + "%d reorders, ended at %d of %d",
                        cuts,
                        disconnects,
                        writes,
                        updates.size(),
                        gaps,
                        reorders,
                        appliedRevision,
                        lastRevision);
        return ScenarioResult.of(passed, figure, evidence);
    }

    private static void writeStream(
            ServiceCalls calls,
            String layer,
            AtomicBoolean writing,
            AtomicInteger writes,
            StatusCounts answers) {
        for (int step = 1; writing.get(); step++) {
            ServiceCalls.Answer answer =
                    calls.send(
                            "PUT",
                            layer,
                            Map.of(),
                            Map.of(
                                    "configuration",
                                    Map.of("step", step),
                                    "changeReason",
                                    "r7 step " + step));
            answers.record("PUT step " + step, answer);
            if (answer.successful()) {
                writes.incrementAndGet();
            }
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean await(BooleanSupplier condition, Duration limit)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
