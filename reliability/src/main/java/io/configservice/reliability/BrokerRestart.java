package io.configservice.reliability;

import io.configservice.client.ClientSettings;
import io.configservice.client.ConfigServiceClient;
import io.configservice.testserver.ConfigServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * R6: RabbitMQ goes away and comes back while a writer changes one service's configuration in two
 * environments, alternating between two replicas that relay push frames through RabbitMQ's STOMP
 * plugin. Subscribers are the project's Java client ({@link ConfigServiceClient}), one per replica
 * and environment: it applies pushed changes in revision order and, after its session was cut and
 * it reconnected, resumes from the change feed ({@code …/changes?sinceRevision=N}), one revision at
 * a time. Its conditional poll is set to an hour, so nothing but push and that resume can deliver a
 * change.
 *
 * <p>Every acknowledged write stores a distinct sequence number in the environment's document, so
 * each event has an identity a subscriber can see: the pass rule holds when every subscriber
 * applied every acknowledged write of its environment (at least once) and never one before an
 * earlier one.
 */
final class BrokerRestart implements Scenario {

    private static final String SERVICE = "r6-stream";
    private static final List<String> ENVIRONMENTS = List.of("staging", "development");
    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(90);

    @Override
    public String id() {
        return "R6";
    }

    @Override
    public String title() {
        return "RabbitMQ restarted during a write stream, two replicas on the STOMP relay, subscribers on both";
    }

    @Override
    public String passRule() {
        return "every subscriber receives every event (by id, at least once) after the broker returns; none lost, "
                + "none out of order per environment";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        try (RabbitMqOutage broker = new RabbitMqOutage(context.faultMode())) {
            // Its own database: no replica outside this pair (the suite's shared one has the
            // in-process broker) may
            // claim these replicas' outbox rows.
            Map<String, String> environment = new HashMap<>(broker.serverEnvironment());
            environment.putAll(ScenarioDatabase.fresh("r6").serverEnvironment());
            try (ConfigServiceProcess first = ConfigServiceProcess.start(environment);
                    ConfigServiceProcess other = ConfigServiceProcess.start(environment)) {
                return exercise(context, broker, List.of(first, other));
            }
        }
    }

    private ScenarioResult exercise(
            SuiteContext context, RabbitMqOutage broker, List<ConfigServiceProcess> replicas)
            throws Exception {
        ConfigServiceProcess first = replicas.get(0);
        for (String environment : ENVIRONMENTS) {
            first.admin().putConfiguration(SERVICE, environment, Map.of("seq", 0));
        }
        String token = first.admin().issueToken(SERVICE, "config:read", "events:subscribe");
        List<Subscriber> subscribers = new ArrayList<>();
        try {
            for (ConfigServiceProcess replica : replicas) {
                for (String environment : ENVIRONMENTS) {
                    subscribers.add(
                            Subscriber.start(
                                    replica,
                                    token,
                                    environment,
                                    context.workDirectory()
                                            .resolve("r6-" + replica.port() + "-" + environment)));
                }
            }
            int writes = context.profile().pick(60, 1000);
            int outageAt = writes / 3;
            Duration outage = Duration.ofSeconds(context.profile().pick(8, 30));
            Map<String, List<Integer>> acknowledged =
                    Map.of(
                            ENVIRONMENTS.get(0),
                            new ArrayList<>(),
                            ENVIRONMENTS.get(1),
                            new ArrayList<>());
            List<String> refused = new ArrayList<>();
            long outageEnd = 0;
            for (int seq = 1; seq <= writes; seq++) {
                if (seq == outageAt) {
                    broker.begin();
                    outageEnd = System.nanoTime() + outage.toNanos();
                }
                if (outageEnd != 0 && System.nanoTime() >= outageEnd) {
                    broker.end();
                    outageEnd = 0;
                }
                String environment = ENVIRONMENTS.get(seq % 2);
                ConfigServiceProcess replica = replicas.get((seq / 2) % 2);
                var answer =
                        replica.admin()
                                .send(
                                        "PUT",
                                        "/api/v1/configurations/"
                                                + SERVICE
                                                + "/environments/"
                                                + environment,
                                        Map.of(
                                                "configuration",
                                                Map.of("seq", seq),
                                                "changeReason",
                                                "r6"));
                if (answer.status() == 200) {
                    acknowledged.get(environment).add(seq);
                } else if (refused.size() < 5) {
                    refused.add(
                            "write " + seq + " answered " + answer.status() + ": " + answer.body());
                }
                if (outageEnd != 0) {
                    Pause.millis(outage.toMillis() / Math.max(1, writes / 3));
                }
            }
            if (outageEnd != 0) {
                broker.end();
            }
            long deadline = System.nanoTime() + DELIVERY_LIMIT.toNanos();
            while (System.nanoTime() < deadline
                    && !subscribers.stream()
                            .allMatch(
                                    subscriber ->
                                            subscriber.hasSeen(
                                                    last(
                                                            acknowledged.get(
                                                                    subscriber.environment))))) {
                Pause.millis(200);
            }
            return verdict(subscribers, acknowledged, refused, writes);
        } finally {
            subscribers.forEach(Subscriber::close);
        }
    }

    private static ScenarioResult verdict(
            List<Subscriber> subscribers,
            Map<String, List<Integer>> acknowledged,
            List<String> refused,
            int writes) {
        long lost = 0;
        long reordered = 0;
        long delivered = 0;
        List<String> evidence = new ArrayList<>();
        for (Subscriber subscriber : subscribers) {
            List<Integer> seen = List.copyOf(subscriber.seen);
            List<Integer> missing =
                    acknowledged.get(subscriber.environment).stream()
                            .filter(seq -> !seen.contains(seq))
                            .toList();
            long backwards = 0;
            for (int i = 1; i < seen.size(); i++) {
                if (seen.get(i) < seen.get(i - 1)) {
                    backwards++;
                }
            }
            lost += missing.size();
            reordered += backwards;
            delivered += seen.size();
            evidence.add(
                    subscriber.name
                            + ": "
                            + seen.size()
                            + " applied, "
                            + missing.size()
                            + " missing"
                            + (missing.isEmpty()
                                    ? ""
                                    : " " + missing.subList(0, Math.min(10, missing.size())))
                            + ", "
                            + backwards
                            + " out of order");
        }
        long acknowledgedWrites = acknowledged.values().stream().mapToLong(List::size).sum();
        evidence.addAll(refused);
        boolean passed = lost == 0 && reordered == 0 && acknowledgedWrites > 0;
        String figure =
                String.format(
                        "%d of %d writes acknowledged, %d subscribers on 2 replicas applied %d "
                                + "events: %d lost, %d out of order",
                        acknowledgedWrites, writes, subscribers.size(), delivered, lost, reordered);
        return ScenarioResult.of(passed, figure, evidence);
    }

    private static int last(List<Integer> values) {
        return values.isEmpty() ? 0 : values.get(values.size() - 1);
    }

    /**
     * One Java client on one replica and environment, with the sequence numbers of every change it
     * applied.
     */
    private static final class Subscriber implements AutoCloseable {

        private final String name;
        private final String environment;
        private final ConfigServiceClient client;
        private final List<Integer> seen = new CopyOnWriteArrayList<>();

        private Subscriber(String name, String environment, ConfigServiceClient client) {
            this.name = name;
            this.environment = environment;
            this.client = client;
        }

        static Subscriber start(
                ConfigServiceProcess replica, String token, String environment, Path snapshots) {
            ClientSettings settings =
                    ClientSettings.builder()
                            .url(replica.baseUri())
                            .token(token)
                            .serviceId(SERVICE)
                            .environment(environment)
                            .snapshotDirectory(snapshots)
                            .pollInterval(Duration.ofHours(1))
                            .reconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(2))
                            .build();
            Subscriber subscriber =
                    new Subscriber(
                            "replica :" + replica.port() + " " + environment,
                            environment,
                            new ConfigServiceClient(settings));
            subscriber.client.addListener(
                    update -> subscriber.seen.add(update.current().at("seq").asInt()));
            subscriber.client.start();
            return subscriber;
        }

        boolean hasSeen(int seq) {
            return seq == 0 || seen.contains(seq);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
