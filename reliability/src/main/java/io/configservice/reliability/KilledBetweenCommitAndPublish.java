package io.configservice.reliability;

import io.configservice.testserver.ConfigServiceProcess;
import io.configservice.testserver.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * R5: the service, publishing through RabbitMQ, is killed with SIGKILL while writers keep changing
 * one configuration, each time at a moment when a committed change's event is still in the outbox
 * (checked in the database just before and counted just after the kill), and started again. A
 * subscriber connected to RabbitMQ itself, which the kills do not disconnect, must receive an event
 * for every committed revision. The service runs on a database of its own: a replica on the suite's
 * shared database with the in-process broker (the one R1-R3 and R7 share) would claim outbox rows
 * too and publish them where this subscriber cannot hear them, which a deployment, whose replicas
 * all share one broker, never does.
 */
final class KilledBetweenCommitAndPublish implements Scenario {

    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(60);
    private static final Duration PENDING_SEARCH = Duration.ofSeconds(10);

    @Override
    public String id() {
        return "R5";
    }

    @Override
    public String title() {
        return "the service killed with SIGKILL between commit and publish (short 2 kills, full 10; 4 writers)";
    }

    @Override
    public String passRule() {
        return "0 events lost: a broker subscriber receives an event for every committed revision";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        int kills = context.profile().pick(2, 10);
        ScenarioDatabase scenarioDatabase = ScenarioDatabase.fresh("r5");
        Map<String, String> environment = new HashMap<>(TestInfrastructure.rabbitRelay());
        environment.putAll(scenarioDatabase.serverEnvironment());
        String serviceId = FaultableService.uniqueServiceId("r5");
        String destination = "/topic/config." + serviceId + ".production";
        String layer = "/api/v1/configurations/" + serviceId + "/environments/production";
        List<String> evidence = new ArrayList<>();
        int pendingAtKills = 0;
        long firstRevision;
        long lastRevision;
        Set<Long> missing = new TreeSet<>();
        try (ConfigServiceProcess server = ConfigServiceProcess.start(environment);
                Connection database = scenarioDatabase.connect();
                BrokerTopicSubscriber subscriber =
                        BrokerTopicSubscriber.subscribe(
                                environment.get("BROKER_RELAY_HOST"),
                                Integer.parseInt(environment.get("BROKER_RELAY_PORT")),
                                destination)) {
            ServiceCalls calls = new ServiceCalls(server.admin());
            calls.send(
                            "PUT",
                            layer,
                            Map.of(),
                            Map.of(
                                    "configuration",
                                    Map.of("writer", -1),
                                    "changeReason",
                                    "r5 initial"))
                    .requireData("creating " + serviceId);
            firstRevision = currentRevision(calls, layer);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = startWriters(calls, layer, writing);
            try {
                for (int kill = 1; kill <= kills; kill++) {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(500, 2000));
                    boolean seenPending = awaitPending(database, destination);
                    server.kill();
                    int pending = unpublished(database, destination);
                    pendingAtKills += pending;
                    evidence.add(
                            "kill "
                                    + kill
                                    + ": "
                                    + pending
                                    + " committed events unpublished at the kill"
                                    + (seenPending
                                            ? ""
                                            : " (none seen pending within "
                                                    + PENDING_SEARCH
                                                    + ")"));
                    server.restart();
                }
                Thread.sleep(1000);
            } finally {
                writing.set(false);
                for (Thread writer : writers) {
                    writer.join();
                }
            }
            lastRevision = currentRevision(calls, layer);
            Instant deadline = Instant.now().plus(DELIVERY_LIMIT);
            do {
                missing.clear();
                Set<Long> received = subscriber.revisions();
                for (long revision = firstRevision + 1; revision <= lastRevision; revision++) {
                    if (!received.contains(revision)) {
                        missing.add(revision);
                    }
                }
                Thread.sleep(200);
            } while (!missing.isEmpty() && Instant.now().isBefore(deadline));
        }
        long committed = lastRevision - firstRevision;
        evidence.add("committed revisions " + (firstRevision + 1) + "-" + lastRevision);
        if (!missing.isEmpty()) {
            evidence.add("no event for revisions " + missing.stream().limit(20).toList());
        }
        boolean passed = missing.isEmpty() && pendingAtKills > 0 && committed > 0;
        String figure =
                String.format(
                        "%d kills (%d events unpublished at the kills): %,d committed revisions, %d "
                                + "without an event",
                        kills, pendingAtKills, committed, missing.size());
        return ScenarioResult.of(passed, figure, evidence);
    }

    private static List<Thread> startWriters(
            ServiceCalls calls, String layer, AtomicBoolean writing) {
        List<Thread> writers = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            int id = writer;
            Thread thread =
                    new Thread(
                            () -> {
                                for (int step = 1; writing.get(); step++) {
                                    ServiceCalls.Answer answer =
                                            calls.send(
                                                    "PUT",
                                                    layer,
                                                    Map.of(),
                                                    Map.of(
                                                            "configuration",
                                                            Map.of("writer", id, "step", step),
                                                            "changeReason",
                                                            "r5 w" + id + " s" + step));
                                    if (!answer.successful()) {
                                        pause(200);
                                    }
                                }
                            },
                            "r5-writer-" + writer);
            thread.setDaemon(true);
            thread.start();
            writers.add(thread);
        }
        return writers;
    }

    private static long currentRevision(ServiceCalls calls, String layer) {
        ServiceCalls.Answer read = calls.get(layer);
        read.requireData("reading " + layer);
        return read.body().get("meta").get("revision").asLong();
    }

    /**
     * Waits until a committed event for the destination is not yet published; false if none is seen
     * in time.
     */
    private static boolean awaitPending(Connection database, String destination)
            throws SQLException {
        Instant deadline = Instant.now().plus(PENDING_SEARCH);
        while (Instant.now().isBefore(deadline)) {
            if (unpublished(database, destination) > 0) {
                return true;
            }
        }
        return false;
    }

    private static int unpublished(Connection database, String destination) throws SQLException {
        try (PreparedStatement count =
                database.prepareStatement(
                        "SELECT count(*) FROM event_outbox WHERE published_at IS NULL AND destination = ?")) {
            count.setString(1, destination);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
