package io.configservice.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * R1: many writers replace one configuration at once, each write conditional on the version the
 * writer last saw ({@code If-Match}); a refused writer takes the current version from the 412 and
 * tries again. Every acknowledged write must be in the history exactly once at the version it was
 * acknowledged with (and read back as written), the versions must run without a gap, and every
 * refusal must be a 412.
 */
final class ConcurrentIfMatchWriters implements Scenario {

    @Override
    public String id() {
        return "R1";
    }

    @Override
    public String title() {
        return "concurrent writers with If-Match on one configuration (short 10 × 20, full 50 × 200)";
    }

    @Override
    public String passRule() {
        return "every acknowledged write in history exactly once, versions without a gap, every refusal 412";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        int writers = context.profile().pick(10, 50);
        int operations = context.profile().pick(20, 200);
        FaultableService service = FaultableService.shared(context);
        ServiceCalls calls = service.adminCalls();
        String serviceId = FaultableService.uniqueServiceId("r1");
        calls.send(
                        "POST",
                        "/api/v1/configurations/" + serviceId,
                        Map.of(),
                        Map.of(
                                "configuration",
                                Map.of("writer", -1, "operation", 0),
                                "changeReason",
                                "r1 initial"))
                .requireData("creating " + serviceId);

        StatusCounts statuses = new StatusCounts();
        ConcurrentLinkedQueue<AcknowledgedWrite> acknowledged = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                int id = writer;
                running.add(
                        pool.submit(
                                () ->
                                        write(
                                                calls,
                                                serviceId,
                                                id,
                                                operations,
                                                statuses,
                                                acknowledged)));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }

        VersionHistory history = VersionHistory.read(calls, serviceId);
        List<String> gaps = history.gaps();
        List<String> missing = history.missing(List.copyOf(acknowledged), calls, serviceId);
        long refusedOtherwise = statuses.countOtherThan(List.of("412"));
        List<String> evidence = new ArrayList<>();
        evidence.add("answers " + statuses);
        evidence.add(
                "history: "
                        + history.size()
                        + " versions (1 initial + acknowledged "
                        + acknowledged.size()
                        + ")");
        evidence.addAll(gaps.stream().limit(5).toList());
        evidence.addAll(missing.stream().limit(5).toList());
        if (refusedOtherwise > 0) {
            evidence.addAll(statuses.samples());
        }
        boolean passed =
                gaps.isEmpty()
                        && missing.isEmpty()
                        && refusedOtherwise == 0
                        && !acknowledged.isEmpty();
        String figure =
                String.format(
                        "%,d writes by %d writers: %,d acknowledged, %,d refused with 412, %d other "
                                + "refusals, %d missing from history, %d version gaps",
                        (long) writers * operations,
                        writers,
                        acknowledged.size(),
                        statuses.count(412),
                        refusedOtherwise,
                        missing.size(),
                        gaps.size());
        return ScenarioResult.of(passed, figure, evidence);
    }

    private static void write(
            ServiceCalls calls,
            String serviceId,
            int writer,
            int operations,
            StatusCounts statuses,
            ConcurrentLinkedQueue<AcknowledgedWrite> acknowledged) {
        int seen = 1;
        for (int operation = 1; operation <= operations; operation++) {
            Map<String, Object> document = Map.of("writer", writer, "operation", operation);
            String reason = "r1 w" + writer + " op" + operation;
            ServiceCalls.Answer answer =
                    calls.send(
                            "PUT",
                            "/api/v1/configurations/" + serviceId,
                            Map.of("If-Match", "\"" + seen + "\""),
                            Map.of("configuration", document, "changeReason", reason));
            statuses.record("PUT If-Match " + seen, answer);
            if (answer.successful()) {
                seen = answer.data().get("version").asInt();
                acknowledged.add(new AcknowledgedWrite(seen, reason, document));
            } else if (answer.status() == 412) {
                seen = answer.body().path("details").path("currentVersion").asInt(seen);
            }
        }
    }
}
