package io.configservice.reliability;

import io.configservice.testserver.ConfigServiceProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * R9: generated requests over every operation of the service's published OpenAPI document ({@link
 * FuzzRequests}), sent raw by four clients, on a database of its own (the pass creates, changes and
 * deletes whatever it happens to hit). No answer may be a 500, and the heap the server keeps after
 * a full collection must stay bounded: at the end at most 1.5 times what it kept after the first
 * tenth of the requests. The rate limits are raised for this server so the requests reach the
 * handlers rather than stop at a 429.
 */
final class FuzzPass implements Scenario {

    private static final int CLIENTS = 4;
    private static final long SEED = 17_009L;
    private static final double HEAP_GROWTH_LIMIT = 1.5;
    private static final String SERVICE = "fuzz-svc";

    @Override
    public String id() {
        return "R9";
    }

    @Override
    public String title() {
        return "Fuzz pass: generated bodies, paths, query strings and headers over every published operation";
    }

    @Override
    public String passRule() {
        return "0 answers of 500, heap bounded (after a full GC: end ≤ 1.5 × after the first tenth)";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        Map<String, String> environment =
                new HashMap<>(ScenarioDatabase.fresh("r9").serverEnvironment());
        environment.putAll(RaisedRateLimits.serverEnvironment());
        try (ConfigServiceProcess server = ConfigServiceProcess.start(environment)) {
            return exercise(context, server);
        }
    }

    private ScenarioResult exercise(SuiteContext context, ConfigServiceProcess server)
            throws Exception {
        ApiCalls api = new ApiCalls(server.baseUri());
        String admin = server.adminToken();
        server.admin()
                .putConfiguration(
                        SERVICE,
                        "production",
                        Map.of(
                                "db",
                                Map.of("pool", Map.of("size", 10)),
                                "servers",
                                List.of(Map.of("host", "a"))));
        api.send(
                        "POST",
                        "/api/v1/credentials",
                        admin,
                        Map.of(
                                "key",
                                SERVICE + ".secret",
                                "value",
                                "fuzz-value",
                                "type",
                                "api_key",
                                "serviceId",
                                SERVICE,
                                "environment",
                                "production"))
                .data();
        String token = server.admin().issueToken(SERVICE);
        List<FuzzRequests.Operation> operations =
                FuzzRequests.operations(api.send("GET", "/v3/api-docs", admin, null).json());
        FuzzRequests requests =
                new FuzzRequests(operations, Map.of("service", token, "admin", admin), SEED);
        RawHttp http = new RawHttp(server.port());
        int total = context.profile().pick(3_000, 100_000);

        Tally tally = new Tally();
        send(requests, http, total / 10, tally);
        long heapAfterWarmUp = HeapGauge.usedAfterCollection(server.pid());
        send(requests, http, total - total / 10, tally);
        long heapAtEnd = HeapGauge.usedAfterCollection(server.pid());

        boolean heapBounded = heapAtEnd <= heapAfterWarmUp * HEAP_GROWTH_LIMIT;
        Set<String> covered = tally.operations.keySet();
        boolean passed =
                tally.serverErrors.get() == 0
                        && tally.noAnswer.get() == 0
                        && heapBounded
                        && covered.size() == operations.size()
                        && server.isAlive();
        String figure =
                String.format(
                        "%,d requests over %d of %d operations: %d answers of 500, %d without an "
                                + "answer; heap after a full GC %,d KB after the first tenth, %,d KB at the end",
                        total,
                        covered.size(),
                        operations.size(),
                        tally.serverErrors.get(),
                        tally.noAnswer.get(),
                        heapAfterWarmUp,
                        heapAtEnd);
        List<String> evidence = new ArrayList<>();
        evidence.add("statuses: " + new TreeMap<>(tally.statuses) + " (seed " + SEED + ")");
        if (covered.size() < operations.size()) {
            evidence.add(
                    "operations never requested: "
                            + operations.stream()
                                    .map(FuzzRequests.Operation::name)
                                    .filter(name -> !covered.contains(name))
                                    .toList());
        }
        evidence.addAll(tally.offending);
        return ScenarioResult.of(passed, figure, evidence);
    }

    private static void send(FuzzRequests requests, RawHttp http, int count, Tally tally)
            throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong left = new AtomicLong(count);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(
                    () -> {
                        while (left.getAndDecrement() > 0) {
                            Map.Entry<FuzzRequests.Operation, RawHttp.Request> next =
                                    requests.next();
                            tally.record(
                                    next.getKey(), next.getValue(), answer(http, next.getValue()));
                        }
                    });
        }
        clients.shutdown();
        if (!clients.awaitTermination(2, TimeUnit.HOURS)) {
            throw new IllegalStateException("the fuzz clients did not finish");
        }
    }

    private static RawHttp.Answer answer(RawHttp http, RawHttp.Request request) {
        try {
            return http.send(request);
        } catch (IOException e) {
            return new RawHttp.Answer(0, String.valueOf(e));
        }
    }

    /** Counts per status and operation, and the first requests answered 500 or not at all. */
    private static final class Tally {

        private final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        private final Map<String, Long> operations = new ConcurrentHashMap<>();
        private final List<String> offending = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong serverErrors = new AtomicLong();
        private final AtomicLong noAnswer = new AtomicLong();

        void record(
                FuzzRequests.Operation operation, RawHttp.Request request, RawHttp.Answer answer) {
            statuses.merge(answer.status(), 1L, Long::sum);
            operations.merge(operation.name(), 1L, Long::sum);
            if (answer.status() == 500) {
                serverErrors.incrementAndGet();
            } else if (answer.status() == 0) {
                noAnswer.incrementAndGet();
            } else {
                return;
            }
            if (offending.size() < 10) {
                String text = answer.text();
                offending.add(
                        answer.status()
                                + " for "
                                + operation.name()
                                + ": "
                                + request.describe()
                                + " → "
                                + (text.length() > 600 ? text.substring(0, 600) + "…" : text));
            }
        }
    }
}
