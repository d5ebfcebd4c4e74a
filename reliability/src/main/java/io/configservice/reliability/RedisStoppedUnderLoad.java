package io.configservice.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * R3: Redis, the shared cache, goes away under reads and writes and comes back. Every read must be
 * served (from PostgreSQL while Redis is away), and no read may return a version older than one
 * already acknowledged: in particular a write made during the outage, whose cache update could not
 * reach Redis, must be what is read after Redis returns, not the entry Redis kept from before.
 */
final class RedisStoppedUnderLoad implements Scenario {

    @Override
    public String id() {
        return "R3";
    }

    @Override
    public String title() {
        return "Redis stopped under load (short 10 s, full 60 s; 2 writers, 6 readers)";
    }

    @Override
    public String passRule() {
        return "0 failed reads, 0 stale reads (during the outage and after Redis returns)";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        Duration outage = Duration.ofSeconds(context.profile().pick(10, 60));
        Duration around = Duration.ofSeconds(context.profile().pick(4, 15));
        FaultableService service = FaultableService.shared(context);
        ServiceCalls calls = service.adminCalls();
        String serviceId = FaultableService.uniqueServiceId("r3");
        MixedLoad load = MixedLoad.start(calls, serviceId, 2, 6, "r3");
        int acknowledgedBefore;
        int acknowledgedDuring;
        try {
            Thread.sleep(around.toMillis());
            acknowledgedBefore = load.acknowledged().size();
            service.redis().begin();
            try {
                Thread.sleep(outage.toMillis());
            } finally {
                service.redis().end();
            }
            acknowledgedDuring = load.acknowledged().size() - acknowledgedBefore;
            Thread.sleep(around.toMillis());
        } finally {
            load.close();
        }
        long failedReads = load.reads().countOtherThan(List.of());
        List<String> evidence = new ArrayList<>();
        evidence.add("reads " + load.reads());
        evidence.add(
                "writes "
                        + load.writes()
                        + ", "
                        + acknowledgedDuring
                        + " acknowledged while Redis was away");
        evidence.addAll(load.staleSamples());
        if (failedReads > 0) {
            evidence.addAll(load.reads().samples());
        }
        boolean passed = failedReads == 0 && load.staleReads() == 0 && acknowledgedDuring > 0;
        String figure =
                String.format(
                        "Redis away %d s: %,d reads, %d failed, %d stale; %,d writes acknowledged "
                                + "(%,d while away)",
                        outage.toSeconds(),
                        load.reads().total(),
                        failedReads,
                        load.staleReads(),
                        load.acknowledged().size(),
                        acknowledgedDuring);
        return ScenarioResult.of(passed, figure, evidence);
    }
}
