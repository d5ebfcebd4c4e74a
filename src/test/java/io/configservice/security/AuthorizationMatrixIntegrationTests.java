package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import io.configservice.support.RawStompClient;
import io.configservice.support.StompTestClient;
import io.configservice.support.TestJwts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what: every REST operation of the published API and every kind of STOMP subscription
 * and SEND, for each kind of caller, against one table of expected outcomes. Operations target
 * service A's resources; B is another service.
 *
 * <p>Outcome letters, one per caller in the order of {@link #CALLERS}: {@code A} allowed with a
 * 2xx/3xx answer, {@code a} allowed but possibly refused for another reason (409 exists already,
 * 404 deleted by an earlier caller), {@code 1} 401, {@code 3} 403, {@code 4} 404 (another service's
 * credential looks missing). Any 5xx or 429 fails.
 */
class AuthorizationMatrixIntegrationTests extends IntegrationTest {

    /** The columns of every outcome string. */
    private static final List<String> CALLERS =
            List.of(
                    "none",
                    "bad token",
                    "service A",
                    "service B",
                    "reader",
                    "operator",
                    "approver",
                    "auditor",
                    "admin");

    private static final String READ = "11A3AAA3A";
    private static final String WRITE = "11A33A33A";
    private static final String ADMIN_ONLY = "11333333A";
    private static final String AUTHENTICATED = "11AAAAAAA";
    private static final String AUDIT = "1133333AA";
    private static final String MANAGE_CREDENTIALS = "11333A33A";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private record Row(
            HttpMethod method,
            String template,
            String uri,
            @Nullable String body,
            @Nullable String contentType,
            String expected) {}

    @Test
    void everyRestOperationAnswersEachCallerAsTheTableSays() {
        Fixture f = new Fixture();
        Map<String, RestTestClient> clients = f.clients();
        List<Row> rows = rows(f);

        List<String> unexpected = new ArrayList<>();
        for (Row row : rows) {
            assertThat(row.expected())
                    .as(row.method() + " " + row.template())
                    .hasSize(CALLERS.size());
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                int status = call(clients.get(caller), row);
                char expected = row.expected().charAt(i);
                if (!matches(expected, status)) {
                    unexpected.add(
                            row.method()
                                    + " "
                                    + row.uri()
                                    + " as "
                                    + caller
                                    + ": expected "
                                    + expected
                                    + ", got "
                                    + status);
                }
            }
        }
        assertThat(unexpected).as("unexpected outcomes").isEmpty();

        TreeSet<String> covered = new TreeSet<>();
        rows.forEach(row -> covered.add(row.method() + " " + row.template()));
        assertThat(covered)
                .as("every operation of /v3/api-docs has a row")
                .containsAll(publishedOperations());
    }

    @Test
    void everySubscriptionAnswersEachCallerAsTheTableSays() throws Exception {
        String a = uniqueServiceId("mx-a");
        String b = uniqueServiceId("mx-b");
        Map<String, String> destinations = new LinkedHashMap<>();
        // Columns as in CALLERS; "1" means the CONNECT itself is refused.
        destinations.put("/topic/config." + a + ".production", "11A3AAA3A");
        destinations.put("/topic/credentials." + a + ".staging", "11A3AAA3A");
        destinations.put("/topic/config." + b + ".production", "113AAAA3A");
        destinations.put("/topic/environments", "1133AAA3A");
        destinations.put("/topic/config.*.*", "1133AAA3A");
        destinations.put("/queue/anything", "113333333");
        assertThat(
                        unexpectedOutcomes(
                                "SUBSCRIBE",
                                destinations,
                                issueToken(a),
                                issueToken(b),
                                this::subscribe))
                .as("unexpected outcomes")
                .isEmpty();
    }

    @Test
    void everySendAnswersEachCallerAsTheTableSays() throws Exception {
        String a = uniqueServiceId("mx-a");
        String b = uniqueServiceId("mx-b");
        Map<String, String> destinations = new LinkedHashMap<>();
        // Columns as in CALLERS; "1" means the CONNECT itself is refused, "3" an ERROR frame and a
        // closed session,
        // "A" that the session goes on (its DISCONNECT is answered with a RECEIPT). "" sends no
        // destination header.
        // Any 'A' where '3' is expected is a client publishing to other callers' subscribers.
        destinations.put("/app/ack", "11AAAAAAA");
        destinations.put("/topic/config." + a + ".production", "113333333");
        destinations.put("/topic/config." + b + ".production", "113333333");
        destinations.put("/topic/environments", "113333333");
        destinations.put("/queue/anything", "113333333");
        destinations.put("/user/queue/anything", "113333333");
        destinations.put("/app/unknown", "113333333");
        destinations.put("", "113333333");
        assertThat(
                        unexpectedOutcomes(
                                "SEND", destinations, issueToken(a), issueToken(b), this::send))
                .as("unexpected outcomes")
                .isEmpty();
    }

    /**
     * Each destination's row of expected outcomes (columns as in CALLERS) against what the frame
     * got.
     */
    private List<String> unexpectedOutcomes(
            String command,
            Map<String, String> destinations,
            String tokenA,
            String tokenB,
            StompFrameOutcome outcome)
            throws Exception {
        List<String> unexpected = new ArrayList<>();
        for (Map.Entry<String, String> destination : destinations.entrySet()) {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                char expected = destination.getValue().charAt(i);
                char actual = outcome.of(caller, tokenA, tokenB, destination.getKey());
                if (actual != expected) {
                    unexpected.add(
                            command
                                    + " "
                                    + destination.getKey()
                                    + " as "
                                    + caller
                                    + ": expected "
                                    + expected
                                    + ", got "
                                    + actual);
                }
            }
        }
        return unexpected;
    }

    /** What one STOMP frame to a destination got, as one character of the table. */
    @FunctionalInterface
    private interface StompFrameOutcome {
        char of(String caller, String tokenA, String tokenB, String destination) throws Exception;
    }

    private char send(String caller, String tokenA, String tokenB, String destination)
            throws Exception {
        Map<String, String> credentials =
                switch (caller) {
                    case "none" -> Map.of();
                    case "bad token" ->
                            Map.of("X-Service-Token", "cst_abcdefghijklmnop." + "A".repeat(43));
                    case "service A" -> Map.of("X-Service-Token", tokenA);
                    case "service B" -> Map.of("X-Service-Token", tokenB);
                    case "admin" -> Map.of("X-Service-Token", ADMIN_TOKEN);
                    default -> Map.of("Authorization", "Bearer " + TestJwts.sign(caller, caller));
                };
        try (RawStompClient client = RawStompClient.connect(port, credentials)) {
            RawStompClient.Frame connected = client.next(WAIT);
            if (connected == null || !connected.command().equals("CONNECTED")) {
                return '1';
            }
            Map<String, String> headers = new LinkedHashMap<>();
            if (!destination.isEmpty()) {
                headers.put("destination", destination);
            }
            headers.put("content-type", "application/json");
            client.send("SEND", headers, "{\"id\":\"matrix\"}");
            client.send("DISCONNECT", Map.of("receipt", "after-send"), "");
            RawStompClient.Frame answer = client.next(WAIT);
            if (answer != null && answer.command().equals("RECEIPT")) {
                return 'A';
            }
            // Spring writes the ERROR and closes at once; an ERROR that meets a frame still being
            // written is dropped
            boolean refused =
                    answer != null
                            && (answer.command().equals("CLOSED")
                                    || answer.command().equals("ERROR")
                                            && client.next("CLOSED", WAIT) != null);
            return refused ? '3' : '?';
        }
    }

    private char subscribe(String caller, String tokenA, String tokenB, String destination)
            throws Exception {
        var connecting =
                switch (caller) {
                    case "none" -> StompTestClient.connect(port, null);
                    case "bad token" ->
                            StompTestClient.connect(port, "cst_abcdefghijklmnop." + "A".repeat(43));
                    case "service A" -> StompTestClient.connect(port, tokenA);
                    case "service B" -> StompTestClient.connect(port, tokenB);
                    case "admin" -> StompTestClient.connect(port, ADMIN_TOKEN);
                    default -> StompTestClient.connectWithJwt(port, TestJwts.sign(caller, caller));
                };
        StompTestClient client;
        try {
            client = connecting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return '1';
        }
        try (client) {
            return client.subscribeConfirmed(destination, WAIT) ? 'A' : '3';
        }
    }

    private List<Row> rows(Fixture f) {
        String a = "/api/v1/configurations/" + f.a;
        String json = MediaType.APPLICATION_JSON_VALUE;
        String doc = "{\"configuration\":{\"a\":1,\"ref\":\"${credential:" + f.credential + "}\"}}";
        List<Row> rows = new ArrayList<>();
        String cfg = "/api/v1/configurations/{serviceId}";
        rows.add(row("GET", cfg, a, null, null, READ));
        rows.add(row("GET", cfg, a + "?resolveSecrets=true", null, null, "11A33A33A"));
        rows.add(
                row(
                        "POST",
                        cfg,
                        a + "?environment=development",
                        "{\"configuration\":{\"x\":1}}",
                        json,
                        "11a33a33a"));
        rows.add(row("PUT", cfg, a, doc, json, WRITE));
        rows.add(row("PATCH", cfg, a, "{\"patched\":true}", "application/merge-patch+json", WRITE));
        rows.add(row("GET", cfg + "/schema", a + "/schema", null, null, READ));
        rows.add(row("PUT", cfg + "/schema", a + "/schema", "{\"type\":\"object\"}", json, WRITE));
        rows.add(
                row(
                        "GET",
                        cfg + "/environments/{environment}",
                        a + "/environments/production",
                        null,
                        null,
                        READ));
        rows.add(
                row(
                        "PUT",
                        cfg + "/environments/{environment}",
                        a + "/environments/production",
                        doc,
                        json,
                        WRITE));
        rows.add(
                row(
                        "GET",
                        cfg + "/environments/{environment}/changes",
                        a + "/environments/production/changes?sinceRevision=0",
                        null,
                        null,
                        READ));
        rows.add(
                row(
                        "POST",
                        cfg + "/versions/{version}/rollback",
                        a + "/versions/1/rollback",
                        null,
                        null,
                        WRITE));
        rows.add(
                row(
                        "POST",
                        cfg + "/validate",
                        a + "/validate",
                        "{\"configuration\":{\"a\":2}}",
                        json,
                        READ));
        rows.add(
                row(
                        "POST",
                        cfg + "/import",
                        a + "/import?mode=merge",
                        "{\"imported\":1}",
                        json,
                        WRITE));
        rows.add(row("GET", cfg + "/batch", a + "/batch?keys=a", null, null, READ));
        rows.add(
                row(
                        "POST",
                        cfg + "/batch",
                        a + "/batch",
                        "{\"operations\":[{\"type\":\"SET\",\"key\":\"batched\",\"value\":1}]}",
                        json,
                        WRITE));
        rows.add(row("GET", cfg + "/{key}", a + "/a", null, null, READ));
        rows.add(row("DELETE", cfg + "/{key}", a + "/temp", null, null, "11a33a33a"));
        rows.add(row("GET", cfg + "/versions", a + "/versions", null, null, READ));
        rows.add(row("GET", cfg + "/export", a + "/export?format=yaml", null, null, READ));
        rows.add(row("GET", cfg + "/diff", a + "/diff?from=1&to=2", null, null, READ));
        rows.add(row("GET", cfg + "/changes", a + "/changes?sinceVersion=0", null, null, READ));

        String scc = "/config-server";
        rows.add(
                row(
                        "GET",
                        scc + "/{application}/{profiles}",
                        scc + "/" + f.a + "/production",
                        null,
                        null,
                        READ));
        rows.add(
                row(
                        "GET",
                        scc + "/{application}/{profiles}/{label}",
                        scc + "/" + f.a + "/production/1",
                        null,
                        null,
                        READ));
        for (String form : List.of(".properties", ".json", ".yml", ".yaml")) {
            rows.add(
                    row(
                            "GET",
                            scc + "/{application}-{profiles}" + form,
                            scc + "/" + f.a + "-production" + form,
                            null,
                            null,
                            READ));
            rows.add(
                    row(
                            "GET",
                            scc + "/{label}/{application}-{profiles}" + form,
                            scc + "/1/" + f.a + "-production" + form,
                            null,
                            null,
                            READ));
        }

        rows.add(
                row(
                        "GET",
                        "/api/v1/environments",
                        "/api/v1/environments",
                        null,
                        null,
                        AUTHENTICATED));
        rows.add(
                row(
                        "POST",
                        "/api/v1/environments",
                        "/api/v1/environments",
                        "{\"id\":\""
                                + uniqueServiceId("mx-env")
                                + "\",\"name\":\"m\",\"type\":\"development\"}",
                        json,
                        ADMIN_ONLY));
        rows.add(
                row(
                        "GET",
                        "/api/v1/environments/{id}",
                        "/api/v1/environments/production",
                        null,
                        null,
                        AUTHENTICATED));
        rows.add(
                row(
                        "PUT",
                        "/api/v1/environments/{id}",
                        "/api/v1/environments/" + f.environment,
                        "{\"id\":\""
                                + f.environment
                                + "\",\"name\":\"renamed\",\"type\":\"development\"}",
                        json,
                        ADMIN_ONLY));
        rows.add(
                row(
                        "DELETE",
                        "/api/v1/environments/{id}",
                        "/api/v1/environments/" + f.disposableEnvironment,
                        null,
                        null,
                        ADMIN_ONLY));

        String cred = "/api/v1/credentials";
        rows.add(row("GET", cred, cred, null, null, "11AAAAA3A"));
        rows.add(row("POST", cred, cred, credentialBody(f.a + ".created", f.a), json, "11333a33a"));
        rows.add(row("GET", cred + "/{key}", cred + "/" + f.credential, null, null, "11A43A33A"));
        rows.add(
                row(
                        "GET",
                        cred + "/{key}/versions",
                        cred + "/" + f.credential + "/versions",
                        null,
                        null,
                        "11A4AAA3A"));
        rows.add(
                row(
                        "POST",
                        cred + "/{key}/rotate",
                        cred + "/" + f.credential + "/rotate",
                        "{\"value\":\"rotated-value-123\",\"force\":true}",
                        json,
                        MANAGE_CREDENTIALS));
        rows.add(
                row(
                        "DELETE",
                        cred + "/{key}",
                        cred + "/" + f.disposableCredential,
                        null,
                        null,
                        "11333a33a"));

        String policies = "/api/v1/rotation-policies";
        rows.add(row("GET", policies, policies, null, null, "1133AAA3A"));
        rows.add(
                row(
                        "POST",
                        policies,
                        policies,
                        policyBody(uniqueServiceId("mx-policy")),
                        json,
                        "11333a33a"));
        rows.add(
                row("GET", policies + "/{id}", policies + "/" + f.policy, null, null, "1133AAA3A"));
        rows.add(
                row(
                        "PUT",
                        policies + "/{id}",
                        policies + "/" + f.policy,
                        policyBody(uniqueServiceId("mx-renamed")),
                        json,
                        MANAGE_CREDENTIALS));
        rows.add(
                row(
                        "DELETE",
                        policies + "/{id}",
                        policies + "/" + f.disposablePolicy,
                        null,
                        null,
                        "11333a33a"));

        rows.add(row("GET", "/api/v1/keys", "/api/v1/keys", null, null, ADMIN_ONLY));
        rows.add(row("POST", "/api/v1/keys/rotate", "/api/v1/keys/rotate", null, null, ADMIN_ONLY));
        rows.add(row("POST", "/api/v1/keys/rewrap", "/api/v1/keys/rewrap", null, null, ADMIN_ONLY));

        rows.add(row("GET", "/api/v1/tokens", "/api/v1/tokens", null, null, ADMIN_ONLY));
        rows.add(
                row(
                        "POST",
                        "/api/v1/tokens",
                        "/api/v1/tokens",
                        "{\"serviceId\":\"" + f.a + "\"}",
                        json,
                        ADMIN_ONLY));
        rows.add(
                row(
                        "DELETE",
                        "/api/v1/tokens/{id}",
                        "/api/v1/tokens/" + f.disposableTokenId,
                        null,
                        null,
                        ADMIN_ONLY));

        rows.add(
                row(
                        "GET",
                        "/api/v1/audit/configurations",
                        "/api/v1/audit/configurations",
                        null,
                        null,
                        AUDIT));
        rows.add(
                row(
                        "GET",
                        "/api/v1/audit/credentials",
                        "/api/v1/audit/credentials",
                        null,
                        null,
                        AUDIT));
        rows.add(row("GET", "/api/v1/audit/verify", "/api/v1/audit/verify", null, null, AUDIT));
        rows.add(
                row(
                        "GET",
                        "/api/v1/audit/export",
                        "/api/v1/audit/export?table=configuration-access&before="
                                + "2000-01-01T00:00:00Z",
                        null,
                        null,
                        ADMIN_ONLY));

        rows.add(
                row(
                        "POST",
                        cfg,
                        a + "?environment=" + f.approvalEnvironment,
                        "{\"configuration\":{\"a\":2}}",
                        json,
                        WRITE));
        String approvals = "/api/v1/approvals";
        rows.add(row("GET", approvals, approvals, null, null, "11AAAAA3A"));
        rows.add(
                row(
                        "GET",
                        approvals + "/{id}",
                        approvals + "/" + f.pendingRequest,
                        null,
                        null,
                        READ));
        rows.add(
                row(
                        "POST",
                        approvals + "/{id}/decisions",
                        approvals + "/" + f.pendingRequest + "/decisions",
                        "{\"decision\":\"APPROVE\",\"reason\":\"matrix\"}",
                        json,
                        "113333A3A"));
        rows.add(
                row(
                        "POST",
                        approvals + "/{id}/emergency-apply",
                        approvals + "/" + f.pendingRequest + "/emergency-apply",
                        "{\"reason\":\"matrix\"}",
                        json,
                        ADMIN_ONLY));
        String approvalPolicies = "/api/v1/approval-policies";
        rows.add(row("GET", approvalPolicies, approvalPolicies, null, null, AUTHENTICATED));
        rows.add(
                row(
                        "GET",
                        approvalPolicies + "/{environment}",
                        approvalPolicies + "/" + f.approvalEnvironment,
                        null,
                        null,
                        AUTHENTICATED));
        rows.add(
                row(
                        "PUT",
                        approvalPolicies + "/{environment}",
                        approvalPolicies + "/" + f.environment,
                        "{\"requiredApprovals\":2,\"expiresAfter\":\"PT1H\"}",
                        json,
                        ADMIN_ONLY));
        rows.add(
                row(
                        "DELETE",
                        approvalPolicies + "/{environment}",
                        approvalPolicies + "/" + f.approvalEnvironment,
                        null,
                        null,
                        "11333333a"));

        rows.add(row("GET", "/api/v1/health", "/api/v1/health", null, null, "A1AAAAAAA"));
        return rows;
    }

    /** The resources the rows act on, made by the admin. */
    private final class Fixture {

        final String a = uniqueServiceId("mx-a");
        final String b = uniqueServiceId("mx-b");
        final String credential = a + ".password";
        final String disposableCredential = a + ".disposable";
        final String environment = uniqueServiceId("mx-env");
        final String disposableEnvironment = uniqueServiceId("mx-gone");
        final String approvalEnvironment = uniqueServiceId("mx-gated");
        final String pendingRequest;
        final String policy;
        final String disposablePolicy;
        final String disposableTokenId;
        final String tokenA;
        final String tokenB;

        Fixture() {
            createConfiguration(a, "{\"a\":1,\"temp\":true}");
            admin().put()
                    .uri("/api/v1/configurations/{id}", a)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            """
                            {"configuration":{"a":1,"ref":"${credential:%s}"}}"""
                                    .formatted(credential))
                    .exchange()
                    .expectStatus()
                    .isOk();
            admin().put()
                    .uri("/api/v1/configurations/{id}/schema", a)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            """
                            {"type":"object"}""")
                    .exchange()
                    .expectStatus()
                    .isOk();
            for (String key : List.of(credential, disposableCredential)) {
                admin().post()
                        .uri("/api/v1/credentials")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(credentialBody(key, a))
                        .exchange()
                        .expectStatus()
                        .isCreated();
            }
            createEnvironment(environment, "\"name\":\"m\",\"type\":\"development\"");
            createEnvironment(disposableEnvironment, "\"name\":\"m\",\"type\":\"development\"");
            createEnvironment(approvalEnvironment, "\"name\":\"m\",\"type\":\"production\"");
            admin().put()
                    .uri("/api/v1/approval-policies/{env}", approvalEnvironment)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                            """
                            {"requiredApprovals":5}""")
                    .exchange()
                    .expectStatus()
                    .isOk();
            byte[] held =
                    operator("requester", "operator")
                            .post()
                            .uri(
                                    "/api/v1/configurations/{id}?environment={env}",
                                    a,
                                    approvalEnvironment)
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(
                                    """
                            {"configuration":{"a":1}}""")
                            .exchange()
                            .expectStatus()
                            .isAccepted()
                            .expectBody()
                            .returnResult()
                            .getResponseBody();
            pendingRequest = json.readTree(held).at("/data/id").asString();
            policy = createPolicy();
            disposablePolicy = createPolicy();
            String disposable = issueToken(a);
            disposableTokenId = TokenFormat.idOf(disposable);
            tokenA = issueToken(a);
            tokenB = issueToken(b);
        }

        Map<String, RestTestClient> clients() {
            Map<String, RestTestClient> clients = new LinkedHashMap<>();
            clients.put("none", http);
            clients.put("bad token", as("cst_abcdefghijklmnop." + "A".repeat(43)));
            clients.put("service A", as(tokenA));
            clients.put("service B", as(tokenB));
            for (String role : List.of("reader", "operator", "approver", "auditor")) {
                clients.put(role, operator(role + "-user", role));
            }
            clients.put("admin", admin());
            return clients;
        }

        private String createPolicy() {
            byte[] body =
                    admin().post()
                            .uri("/api/v1/rotation-policies")
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(policyBody(uniqueServiceId("mx-policy")))
                            .exchange()
                            .expectStatus()
                            .isCreated()
                            .expectBody()
                            .returnResult()
                            .getResponseBody();
            return json.readTree(body).at("/data/id").asString();
        }
    }

    private static String credentialBody(String key, String serviceId) {
        return "{\"key\":\""
                + key
                + "\",\"value\":\"initial-value-123\",\"type\":\"api_key\",\"serviceId\":\""
                + serviceId
                + "\",\"environment\":\"production\"}";
    }

    private static String policyBody(String name) {
        return "{\"name\":\"" + name + "\",\"rotationInterval\":\"P30D\"}";
    }

    private static Row row(
            String method,
            String template,
            String uri,
            @Nullable String body,
            @Nullable String contentType,
            String expected) {
        return new Row(HttpMethod.valueOf(method), template, uri, body, contentType, expected);
    }

    private static int call(RestTestClient client, Row row) {
        RestTestClient.RequestBodySpec request = client.method(row.method()).uri(row.uri());
        RestTestClient.RequestHeadersSpec<?> complete =
                row.body() == null
                        ? request
                        : request.contentType(MediaType.valueOf(row.contentType()))
                                .body(row.body());
        return complete.exchange().expectBody().returnResult().getStatus().value();
    }

    private static boolean matches(char expected, int status) {
        if (status >= 500 || status == 429) {
            return false;
        }
        return switch (expected) {
            case 'A' -> status < 400;
            case 'a' -> status != 401 && status != 403;
            case '1' -> status == 401;
            case '3' -> status == 403;
            case '4' -> status == 404;
            default -> throw new IllegalArgumentException("Unknown outcome " + expected);
        };
    }

    private TreeSet<String> publishedOperations() {
        byte[] body =
                http.get()
                        .uri("/v3/api-docs")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody();
        TreeSet<String> operations = new TreeSet<>();
        JsonNode paths = json.readTree(body).path("paths");
        paths.properties()
                .forEach(
                        path ->
                                path.getValue()
                                        .propertyNames()
                                        .forEach(
                                                method ->
                                                        operations.add(
                                                                method.toUpperCase(Locale.ROOT)
                                                                        + " "
                                                                        + path.getKey())));
        return operations;
    }
}
