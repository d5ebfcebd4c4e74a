package io.configservice.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * R2: PostgreSQL goes away several times for a few seconds while writers and readers keep calling
 * the service. No acknowledged write may be lost (each is read back from the history and by version
 * after the last outage), no answer may be a 500 (a 503 must carry Retry-After), and after each
 * outage writes must succeed again without restarting the service.
 */
final class PostgresRestarts implements Scenario {

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final List<String> ALLOWED_FAILURES = List.of(StatusCounts.UNAVAILABLE);

    @Override
    public String id() {
        return "R2";
    }

    @Override
    public String title() {
        return "PostgreSQL restarted under mixed reads and writes (short 2 outages, full 5; 4 writers, 4 readers)";
    }

    @Override
    public String passRule() {
        return "0 acknowledged writes lost, 0 answers of 500 (503 with Retry-After allowed), recovery without a restart";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        int outages = context.profile().pick(2, 5);
        Duration up = Duration.ofSeconds(context.profile().pick(3, 10));
        Duration down = Duration.ofSeconds(context.profile().pick(4, 8));
        FaultableService service = FaultableService.shared(context);
        ServiceCalls calls = service.adminCalls();
        String serviceId = FaultableService.uniqueServiceId("r2");
        List<String> evidence = new ArrayList<>();
        List<Duration> recoveries = new ArrayList<>();
        MixedLoad load = MixedLoad.start(calls, serviceId, 4, 4, "r2");
        try {
            for (int outage = 1; outage <= outages; outage++) {
                Thread.sleep(up.toMillis());
                service.postgres().begin();
                Thread.sleep(down.toMillis());
                service.postgres().end();
                Duration recovery =
                        load.awaitAcknowledgedWriteAfter(System.nanoTime(), RECOVERY_LIMIT);
                evidence.add(
                        "outage "
                                + outage
                                + ": "
                                + (recovery == null
                                        ? "no acknowledged write within " + RECOVERY_LIMIT
                                        : "writes acknowledged again after "
                                                + recovery.toMillis()
                                                + " ms"));
                recoveries.add(recovery);
            }
            Thread.sleep(up.toMillis());
        } finally {
            load.close();
        }
        VersionHistory history = VersionHistory.read(calls, serviceId);
        List<String> lost = history.missing(load.acknowledged(), calls, serviceId);
        long answers500 = load.writes().count(500) + load.reads().count(500);
        long disallowed =
                load.writes().countOtherThan(ALLOWED_FAILURES)
                        + load.reads().countOtherThan(ALLOWED_FAILURES);
        boolean recovered = !recoveries.contains(null) && service.server().isAlive();
        evidence.add("writes " + load.writes());
        evidence.add("reads " + load.reads());
        evidence.add("stale reads (not part of this rule) " + load.staleReads());
        evidence.addAll(lost.stream().limit(5).toList());
        if (disallowed > 0) {
            evidence.addAll(load.writes().samples());
            evidence.addAll(load.reads().samples());
        }
        boolean passed = lost.isEmpty() && disallowed == 0 && recovered;
        String figure =
                String.format(
                        "%d outages of %d s: %,d acknowledged writes, %d lost; %,d answers, %d of 500, "
                                + "%d other failures than 503 with Retry-After; %s",
                        outages,
                        down.toSeconds(),
                        load.acknowledged().size(),
                        lost.size(),
                        load.writes().total() + load.reads().total(),
                        answers500,
                        disallowed - answers500,
                        recovered ? "recovered each time without a restart" : "did NOT recover");
        return ScenarioResult.of(passed, figure, evidence);
    }
}
