package io.configservice.reliability;

import io.configservice.testserver.ConfigServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * R4: the Vault transit stand-in (a process of its own, the server's key encryption key) is killed
 * while a client reads configuration and calls the credential API, then started again with its
 * keys. Configuration reads must all be served, every credential call must answer 503 with {@code
 * Retry-After}, no create or rotate attempted meanwhile may leave a row behind, and credentials
 * must be served again without restarting the server.
 */
final class VaultTransitOutage implements Scenario {

    private static final int STAND_IN_PORT = 19601;
    private static final String SERVICE = "r4-orders";
    private static final String ENVIRONMENT = "production";
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);

    @Override
    public String id() {
        return "R4";
    }

    @Override
    public String title() {
        return "Vault transit (the stand-in process) stopped under configuration reads and credential calls";
    }

    @Override
    public String passRule() {
        return "configuration reads 100 % served, credential calls 503, 0 partial rows; back: credentials served "
                + "again without a restart";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        ScenarioDatabase database = ScenarioDatabase.fresh("r4");
        try (TransitStandIn vault =
                TransitStandIn.start(STAND_IN_PORT, 1, context.workDirectory())) {
            Map<String, String> environment = new HashMap<>(database.serverEnvironment());
            environment.putAll(vault.serverEnvironment());
            try (ConfigServiceProcess server = ConfigServiceProcess.start(environment)) {
                return exercise(context, server, vault, database);
            }
        }
    }

    private ScenarioResult exercise(
            SuiteContext context,
            ConfigServiceProcess server,
            TransitStandIn vault,
            ScenarioDatabase database) {
        ApiCalls api = new ApiCalls(server.baseUri());
        String admin = server.adminToken();
        server.admin().putConfiguration(SERVICE, ENVIRONMENT, Map.of("pool", Map.of("size", 10)));
        String token = server.admin().issueToken(SERVICE, "config:read", "credentials:read");
        Map<String, String> stored = new LinkedHashMap<>();
        for (int i = 0; i < context.profile().pick(5, 50); i++) {
            String key = SERVICE + ".secret-" + i;
            String value = UUID.randomUUID().toString();
            api.send("POST", "/api/v1/credentials", admin, credential(key, value)).data();
            stored.put(key, value);
        }
        List<String> keys = List.copyOf(stored.keySet());
        api.send("GET", credentialPath(keys.get(0)), token, null).data();
        long credentialRows = database.number("SELECT count(*) FROM credentials");
        long versionRows = database.number("SELECT count(*) FROM credential_versions");

        vault.stop();
        Tally tally = new Tally();
        long outageEnd =
                System.nanoTime() + Duration.ofSeconds(context.profile().pick(5, 60)).toNanos();
        for (int i = 0; System.nanoTime() < outageEnd; i++) {
            tally.configuration(api.send("GET", configurationPath(), token, null));
            tally.credential(
                    "read",
                    api.send("GET", credentialPath(keys.get(i % keys.size())), token, null));
            if (i % 3 == 0) {
                tally.credential(
                        "create",
                        api.send(
                                "POST",
                                "/api/v1/credentials",
                                admin,
                                credential(
                                        SERVICE + ".outage-" + i, UUID.randomUUID().toString())));
                tally.credential(
                        "rotate",
                        api.send(
                                "POST",
                                credentialPath(keys.get(i % keys.size())) + "/rotate",
                                admin,
                                Map.of("value", UUID.randomUUID().toString())));
            }
        }
        long partialRows =
                Math.abs(database.number("SELECT count(*) FROM credentials") - credentialRows)
                        + Math.abs(
                                database.number("SELECT count(*) FROM credential_versions")
                                        - versionRows);

        vault.restart();
        long backAfter = System.nanoTime();
        boolean recovered = false;
        while (!recovered && System.nanoTime() - backAfter < RECOVERY_LIMIT.toNanos()) {
            recovered = api.send("GET", credentialPath(keys.get(0)), token, null).status() == 200;
            if (!recovered) {
                Pause.millis(100);
            }
        }
        Duration recovery = Duration.ofNanos(System.nanoTime() - backAfter);
        long intact =
                stored.entrySet().stream()
                        .filter(
                                entry -> {
                                    ApiCalls.Reply reply =
                                            api.send(
                                                    "GET",
                                                    credentialPath(entry.getKey()),
                                                    token,
                                                    null);
                                    return reply.status() == 200
                                            && entry.getValue()
                                                    .equals(reply.data().get("value").asString());
                                })
                        .count();
        int createAfter =
                api.send(
                                "POST",
                                "/api/v1/credentials",
                                admin,
                                credential(SERVICE + ".after", UUID.randomUUID().toString()))
                        .status();
        int rotateAfter =
                api.send(
                                "POST",
                                credentialPath(keys.get(0)) + "/rotate",
                                admin,
                                Map.of("value", UUID.randomUUID().toString()))
                        .status();

        boolean passed =
                tally.configurationReads > 0
                        && tally.configurationServed == tally.configurationReads
                        && tally.credentialCalls > 0
                        && tally.credentialUnavailable == tally.credentialCalls
                        && partialRows == 0
                        && recovered
                        && intact == stored.size()
                        && createAfter == 201
                        && rotateAfter == 200
                        && server.isAlive();
        String figure =
                String.format(
                        "%d of %d configuration reads served, %d of %d credential calls 503 with "
                                + "Retry-After, %d partial rows; credentials served %.1f s after Vault returned, no restart",
                        tally.configurationServed,
                        tally.configurationReads,
                        tally.credentialUnavailable,
                        tally.credentialCalls,
                        partialRows,
                        recovery.toMillis() / 1000.0);
        List<String> evidence = new ArrayList<>();
        evidence.add("credential calls during the outage by kind: " + tally.calls);
        evidence.add(
                "credential rows before/after the outage: "
                        + credentialRows
                        + " credentials, "
                        + versionRows
                        + " versions; difference "
                        + partialRows);
        evidence.add(
                "after Vault returned: "
                        + intact
                        + " of "
                        + stored.size()
                        + " stored values read back, create "
                        + createAfter
                        + ", rotate "
                        + rotateAfter
                        + (recovered ? "" : ", NOT recovered within " + RECOVERY_LIMIT));
        evidence.addAll(tally.offending);
        return ScenarioResult.of(passed, figure, evidence);
    }

    private static Map<String, Object> credential(String key, String value) {
        return Map.of(
                "key",
                key,
                "value",
                value,
                "type",
                "api_key",
                "serviceId",
                SERVICE,
                "environment",
                ENVIRONMENT);
    }

    private static String configurationPath() {
        return "/api/v1/configurations/" + SERVICE + "/environments/" + ENVIRONMENT;
    }

    private static String credentialPath(String key) {
        return "/api/v1/credentials/" + key;
    }

    /** What the calls made during the outage answered. */
    private static final class Tally {

        private final Map<String, Integer> calls = new LinkedHashMap<>();
        private final List<String> offending = new ArrayList<>();
        private long configurationReads;
        private long configurationServed;
        private long credentialCalls;
        private long credentialUnavailable;

        void configuration(ApiCalls.Reply reply) {
            configurationReads++;
            if (reply.status() == 200) {
                configurationServed++;
            } else {
                offend("configuration read", reply);
            }
        }

        void credential(String kind, ApiCalls.Reply reply) {
            credentialCalls++;
            calls.merge(kind, 1, Integer::sum);
            if (reply.status() == 503 && reply.retryAfter() != null) {
                credentialUnavailable++;
            } else {
                offend("credential " + kind, reply);
            }
        }

        private void offend(String call, ApiCalls.Reply reply) {
            if (offending.size() < 5) {
                offending.add(
                        call
                                + " answered "
                                + reply.status()
                                + " (Retry-After "
                                + reply.retryAfter()
                                + "): "
                                + reply.body());
            }
        }
    }
}
