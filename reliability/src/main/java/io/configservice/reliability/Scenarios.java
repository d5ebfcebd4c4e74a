package io.configservice.reliability;

import java.util.List;

/** Every scenario of the suite, in the order of issue 17. */
public final class Scenarios {

    private Scenarios() {}

    public static List<Scenario> all() {
        return List.of(
                new ConcurrentIfMatchWriters(),
                new PostgresRestarts(),
                new RedisStoppedUnderLoad(),
                new VaultTransitOutage(),
                new KilledBetweenCommitAndPublish(),
                new BrokerRestart(),
                new ForcedClientDisconnects(),
                new KekRotationKilled(),
                new FuzzPass(),
                new CanarySecrets());
    }
}
