package io.configservice.reliability;

import io.configservice.testserver.ConfigServiceProcess;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R10: two random canary values go through every path a secret takes (stored, read, rotated to the
 * second, read as the previous version, resolved through a {@code ${credential:KEY}} reference) and
 * through requests that fail (malformed JSON, wrong types, too long, conflicts, missing keys,
 * refused callers), while a raw STOMP subscriber records every frame on the service's topics. Then
 * the canaries are searched in the server's log, every row of every table of its database (audit
 * and access logs, outbox, history), {@code /actuator/prometheus}, every error body and every STOMP
 * frame. The answers that must carry a value (reads, resolution) are checked to carry it, so the
 * search looks for a secret that did go through the service.
 */
final class CanarySecrets implements Scenario {

    private static final String SERVICE = "r10-canary";
    private static final String ENVIRONMENT = "production";
    private static final String KEY = SERVICE + ".db-password";
    private static final String CREDENTIALS = "/api/v1/credentials";

    @Override
    public String id() {
        return "R10";
    }

    @Override
    public String title() {
        return "Canary secrets stored, read, rotated and resolved through references, with failing requests";
    }

    @Override
    public String passRule() {
        return "0 occurrences in logs, audit rows, error bodies, metrics and STOMP frames";
    }

    @Override
    public ScenarioResult run(SuiteContext context) throws Exception {
        try (ConfigServiceProcess server = ConfigServiceProcess.start()) {
            return exercise(server, ScenarioDatabase.shared());
        }
    }

    private ScenarioResult exercise(ConfigServiceProcess server, ScenarioDatabase database)
            throws Exception {
        String first = canary();
        String second = canary();
        ApiCalls api = new ApiCalls(server.baseUri());
        String admin = server.adminToken();
        String token =
                server.admin()
                        .issueToken(SERVICE, "config:read", "credentials:read", "events:subscribe");
        List<String> checks = new ArrayList<>();
        List<String> errorBodies = new ArrayList<>();
        List<Integer> errorStatuses = new ArrayList<>();
        try (StompRecorder stomp =
                StompRecorder.subscribe(
                        server.webSocketUri(),
                        admin,
                        List.of(
                                "/topic/credentials." + SERVICE + "." + ENVIRONMENT,
                                "/topic/config." + SERVICE + "." + ENVIRONMENT,
                                "/topic/environments"))) {
            api.send("POST", CREDENTIALS, admin, credential(KEY, first)).data();
            expect(checks, "read", api.send("GET", CREDENTIALS + "/" + KEY, token, null), first);
            server.admin()
                    .putConfiguration(
                            SERVICE,
                            ENVIRONMENT,
                            Map.of(
                                    "db",
                                    Map.of(
                                            "user",
                                            "app",
                                            "password",
                                            "${credential:" + KEY + "}")));
            String resolvePath =
                    "/api/v1/configurations/"
                            + SERVICE
                            + "?environment="
                            + ENVIRONMENT
                            + "&resolveSecrets=true";
            expect(checks, "resolved", api.send("GET", resolvePath, token, null), first);
            api.send("POST", CREDENTIALS + "/" + KEY + "/rotate", admin, Map.of("value", second))
                    .data();
            expect(
                    checks,
                    "read after rotation",
                    api.send("GET", CREDENTIALS + "/" + KEY, token, null),
                    second);
            expect(
                    checks,
                    "previous",
                    api.send("GET", CREDENTIALS + "/" + KEY + "?version=previous", token, null),
                    first);
            expect(
                    checks,
                    "resolved after rotation",
                    api.send("GET", resolvePath, token, null),
                    second);
            for (ApiCalls.Reply failure : failures(api, admin, token, first, second)) {
                if (failure.status() < 400) {
                    checks.add("a request meant to fail answered " + failure.status());
                }
                errorBodies.add(failure.body());
                errorStatuses.add(failure.status());
            }
            if (!stomp.await("credential_rotated", Duration.ofSeconds(30))) {
                checks.add("no credential_rotated frame reached the STOMP subscriber");
            }
            Map<String, Long> found = new LinkedHashMap<>();
            found.put("server log", occurrences(List.of(server.log()), first, second));
            found.put("database rows", databaseRows(database, first, second, checks));
            ApiCalls.Reply metrics = api.send("GET", "/actuator/prometheus", admin, null);
            if (metrics.status() != 200) {
                checks.add("/actuator/prometheus answered " + metrics.status());
            }
            found.put("/actuator/prometheus", occurrences(List.of(metrics.body()), first, second));
            found.put("error bodies", occurrences(errorBodies, first, second));
            found.put("STOMP frames", occurrences(stomp.frames(), first, second));
            long total = found.values().stream().mapToLong(Long::longValue).sum();
            String figure =
                    String.format(
                            "%d occurrences of 2 canaries (%s) in the log, database, metrics, %d error "
                                    + "bodies and %d STOMP frames",
                            total, found, errorBodies.size(), stomp.frames().size());
            List<String> evidence = new ArrayList<>(checks);
            evidence.add("searched: " + found + "; the failing requests answered " + errorStatuses);
            return ScenarioResult.of(total == 0 && checks.isEmpty(), figure, evidence);
        }
    }

    /** Requests that carry a canary and must fail, each answered with an error body. */
    private static List<ApiCalls.Reply> failures(
            ApiCalls api, String admin, String token, String first, String second) {
        String rotate = CREDENTIALS + "/" + KEY + "/rotate";
        return List.of(
                api.sendText(
                        "POST",
                        CREDENTIALS,
                        admin,
                        "{\"key\":\""
                                + SERVICE
                                + ".broken\",\"value\":\""
                                + first
                                + "\",\"type\":"),
                api.sendText("POST", CREDENTIALS, admin, "{\"value\":\"" + first + "\" \"key\":1}"),
                api.send(
                        "POST",
                        CREDENTIALS,
                        admin,
                        Map.of(
                                "key",
                                SERVICE + ".typo",
                                "value",
                                first,
                                "type",
                                "passwd",
                                "serviceId",
                                SERVICE,
                                "environment",
                                ENVIRONMENT)),
                api.send(
                        "POST",
                        CREDENTIALS,
                        admin,
                        Map.of(
                                "key",
                                SERVICE + ".nested",
                                "value",
                                Map.of("v", first),
                                "type",
                                "api_key",
                                "serviceId",
                                SERVICE,
                                "environment",
                                ENVIRONMENT)),
                api.send(
                        "POST",
                        CREDENTIALS,
                        admin,
                        credential(SERVICE + ".long", first + "x".repeat(70_000))),
                api.send("POST", CREDENTIALS, admin, credential(KEY, first)),
                api.send("POST", CREDENTIALS, token, credential(SERVICE + ".refused", first)),
                api.send(
                        "POST",
                        CREDENTIALS + "/" + SERVICE + ".missing/rotate",
                        admin,
                        Map.of("value", second)),
                api.send("POST", rotate, admin, Map.of("value", second, "expiresAt", second)),
                api.send("POST", rotate, admin, Map.of("value", List.of(second))),
                api.send("POST", rotate, token, Map.of("value", second)),
                api.sendText("POST", rotate, admin, "{\"value\":\"" + second + "\"\u0000}"));
    }

    private static void expect(
            List<String> checks, String what, ApiCalls.Reply reply, String value) {
        if (reply.status() != 200 || !reply.body().contains(value)) {
            checks.add(what + " did not carry the canary it should: " + reply.status());
        }
    }

    /** Rows of every table of the database whose text (every column) holds a canary. */
    private static long databaseRows(
            ScenarioDatabase database, String first, String second, List<String> checks)
            throws SQLException {
        long rows = 0;
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names =
                    statement.executeQuery(
                            "SELECT tablename FROM pg_tables " + "WHERE schemaname = 'public'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet count =
                        statement.executeQuery(
                                "SELECT count(*) FROM \""
                                        + table
                                        + "\" t WHERE "
                                        + "strpos(t::text, '"
                                        + first
                                        + "') > 0 OR strpos(t::text, '"
                                        + second
                                        + "') > 0")) {
                    count.next();
                    if (count.getLong(1) > 0) {
                        checks.add(
                                "table "
                                        + table
                                        + " holds a canary in "
                                        + count.getLong(1)
                                        + " rows");
                        rows += count.getLong(1);
                    }
                }
            }
            if (tables.stream().noneMatch(table -> table.equals("credential_access_log"))) {
                checks.add("no credential_access_log table searched: wrong database?");
            }
        }
        return rows;
    }

    private static long occurrences(List<String> texts, String first, String second) {
        return texts.stream().mapToLong(text -> count(text, first) + count(text, second)).sum();
    }

    private static long count(String text, String needle) {
        long count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static Map<String, Object> credential(String key, String value) {
        return Map.of(
                "key",
                key,
                "value",
                value,
                "type",
                "database_password",
                "serviceId",
                SERVICE,
                "environment",
                ENVIRONMENT);
    }

    /** A value no other text contains: random hexadecimal behind a marker. */
    private static String canary() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return "canary" + HexFormat.of().formatHex(random);
    }
}
