package io.configservice.reliability;

import io.configservice.testserver.ConfigServiceProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * R8: the replica is killed (SIGKILL) while {@code POST /api/v1/keys/rotate} rewraps the data keys
 * under the new version of the Vault transit key (the stand-in, a process of its own). The server
 * rewraps one data key per step here ({@code configservice.credentials.batch-size} 1) and the
 * stand-in adds latency to every call, so the rewrap lasts long enough to be cut in the middle: the
 * scenario kills once a quarter of the data keys are under the new version (watched in the
 * database) and checks afterwards that the kill landed before the last one. After the restart every
 * credential must still decrypt to the value stored, and {@code POST /api/v1/keys/rewrap} must
 * finish the job: no data key left under an older version, none failed.
 */
final class KekRotationKilled implements Scenario {

    private static final int STAND_IN_PORT = 19602;
    private static final long STAND_IN_LATENCY_MILLIS = 10;
    private static final String SERVICE = "r8-payments";
    private static final String UNDER_NEWER_VERSION =
            "SELECT count(*) FROM credential_versions "
                    + "WHERE wrapped_dek IS NOT NULL AND kek_version > ?";

    @Override
    public String id() {
        return "R8";
    }

    @Override
    public String title() {
        return "A replica killed (SIGKILL) during key encryption key rotation and rewrap";
    }

    @Override
    public String passRule() {
        return "no data key left unreadable; rerun completes";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        ScenarioDatabase database = ScenarioDatabase.fresh("r8");
        try (TransitStandIn vault =
                TransitStandIn.start(
                        STAND_IN_PORT, STAND_IN_LATENCY_MILLIS, context.workDirectory())) {
            Map<String, String> environment = new HashMap<>(database.serverEnvironment());
            environment.putAll(vault.serverEnvironment());
            environment.put("CONFIGSERVICE_CREDENTIALS_BATCH_SIZE", "1");
            try (ConfigServiceProcess server = ConfigServiceProcess.start(environment)) {
                return exercise(context, server, database);
            }
        }
    }

    private ScenarioResult exercise(
            SuiteContext context, ConfigServiceProcess server, ScenarioDatabase database)
            throws Exception {
        ApiCalls api = new ApiCalls(server.baseUri());
        String admin = server.adminToken();
        // The rerun below is one synchronous request: 500 data keys at the stand-in's added
        // latency, one per step,
        // stay well inside the client's 30 s timeout (2,000 did not).
        Map<String, String> stored = store(api, admin, context.profile().pick(60, 500));
        int versionBefore =
                api.send("GET", "/api/v1/keys", admin, null).data().get("latestVersion").asInt();

        HttpClient http = HttpClient.newHttpClient();
        var rotation =
                http.sendAsync(
                        HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/keys/rotate"))
                                .header("X-Service-Token", admin)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        long rewrappedAtKill = 0;
        while (!rotation.isDone()) {
            rewrappedAtKill = database.number(UNDER_NEWER_VERSION, versionBefore);
            if (rewrappedAtKill >= Math.max(1, stored.size() / 4)) {
                server.kill();
                break;
            }
            Pause.millis(5);
        }
        rewrappedAtKill = database.number(UNDER_NEWER_VERSION, versionBefore);
        boolean killedMidway =
                !server.isAlive() && rewrappedAtKill > 0 && rewrappedAtKill < stored.size();

        server.restart();
        JsonNode afterRestart = api.send("GET", "/api/v1/keys", admin, null).data();
        long readableAfterKill = readable(api, admin, stored);
        ApiCalls.Reply rerun = api.send("POST", "/api/v1/keys/rewrap", admin, null);
        JsonNode afterRerun = api.send("GET", "/api/v1/keys", admin, null).data();
        long readableAfterRerun = readable(api, admin, stored);
        long underLatest =
                database.number(UNDER_NEWER_VERSION, afterRerun.get("latestVersion").asInt() - 1);

        int rerunFailed = rerun.status() == 200 ? rerun.data().get("failed").asInt() : -1;
        boolean passed =
                killedMidway
                        && readableAfterKill == stored.size()
                        && rerun.status() == 200
                        && rerunFailed == 0
                        && afterRerun.get("dataKeysToRewrap").asLong() == 0
                        && underLatest == stored.size()
                        && readableAfterRerun == stored.size();
        String figure =
                String.format(
                        "killed after %d of %d data keys rewrapped; %d of %d credentials readable after "
                                + "the restart; rerun: %s, %d data keys left under an older version, %d of %d readable",
                        rewrappedAtKill,
                        stored.size(),
                        readableAfterKill,
                        stored.size(),
                        rerun.status() == 200
                                ? rerun.data().get("rewrapped").asInt()
                                        + " rewrapped, "
                                        + rerunFailed
                                        + " failed"
                                : "answered " + rerun.status(),
                        afterRerun.get("dataKeysToRewrap").asLong(),
                        readableAfterRerun,
                        stored.size());
        List<String> evidence = new ArrayList<>();
        evidence.add(
                "key versions before "
                        + versionBefore
                        + ", after the restart "
                        + afterRestart
                        + (killedMidway
                                ? ""
                                : "; the kill did NOT land in the middle of the rewrap"));
        evidence.add("rerun answered " + rerun.status() + ": " + rerun.body());
        evidence.add(
                "data keys under the latest version after the rerun: "
                        + underLatest
                        + " of "
                        + stored.size());
        return ScenarioResult.of(passed, figure, evidence);
    }

    /**
     * Stores {@code count} credentials with random values, a few at a time, and returns them by
     * key.
     */
    private static Map<String, String> store(ApiCalls api, String admin, int count)
            throws Exception {
        Map<String, String> stored = new ConcurrentHashMap<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = SERVICE + ".key-" + i;
                writes.add(
                        writers.submit(
                                () -> {
                                    String value = UUID.randomUUID().toString();
                                    api.send(
                                                    "POST",
                                                    "/api/v1/credentials",
                                                    admin,
                                                    Map.of(
                                                            "key",
                                                            key,
                                                            "value",
                                                            value,
                                                            "type",
                                                            "symmetric_key",
                                                            "serviceId",
                                                            SERVICE,
                                                            "environment",
                                                            "production"))
                                            .data();
                                    stored.put(key, value);
                                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
        }
        return Map.copyOf(stored);
    }

    /** How many credentials decrypt to the value stored. */
    private static long readable(ApiCalls api, String admin, Map<String, String> stored) {
        return stored.entrySet().stream()
                .filter(
                        entry -> {
                            ApiCalls.Reply reply =
                                    api.send(
                                            "GET",
                                            "/api/v1/credentials/" + entry.getKey(),
                                            admin,
                                            null);
                            return reply.status() == 200
                                    && entry.getValue()
                                            .equals(reply.data().get("value").asString());
                        })
                .count();
    }
}
