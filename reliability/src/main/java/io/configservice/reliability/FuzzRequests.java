package io.configservice.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Generates the requests of the fuzz pass from the service's published OpenAPI document: every
 * operation, with path parameters, query strings, headers and bodies drawn from valid-looking
 * values and from abuse (malformed JSON, deep nesting, huge strings within the size limits, wrong
 * types, unicode, path traversal, bad percent-encoding, header abuse), under a service token, the
 * admin token or no token. A seed makes a run repeatable.
 */
final class FuzzRequests {

    /** One published operation. */
    record Operation(String method, String path, List<String> queryParameters, boolean hasBody) {

        String name() {
            return method + " " + path;
        }
    }

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final List<String> WORDS =
            List.of(
                    "fuzz-svc",
                    "production",
                    "staging",
                    "development",
                    "1",
                    "2",
                    "0",
                    "-1",
                    "fuzz-svc.secret",
                    "db.pool.size",
                    "servers.0.host",
                    "previous",
                    "current",
                    "json",
                    "yaml",
                    "properties",
                    "changes",
                    "json-patch",
                    "replace",
                    "merge",
                    "APPROVE",
                    "REJECT",
                    "true",
                    "false",
                    "null",
                    "2026-01-01T00:00:00Z",
                    "9223372036854775808",
                    "1e309",
                    "NaN",
                    "*",
                    "a,b.c",
                    "");
    private static final List<String> ABUSE =
            List.of(
                    "../../../../etc/passwd",
                    "..%2f..%2fetc%2fpasswd",
                    "%2e%2e",
                    "%zz",
                    "%",
                    "%c0%af",
                    "%00",
                    "%0d%0aX-Injected:%201",
                    "%ff%fe",
                    "%u0041",
                    "ünïcødé",
                    "😀🔥",
                    "%F0%9F%98%80",
                    "%ED%A0%80",
                    "'; DROP TABLE credentials; --",
                    "<script>alert(1)</script>",
                    "${jndi:x}",
                    "..;",
                    ";jsessionid=1",
                    "%252e%252e",
                    "a%2Fb",
                    "\\..\\",
                    "~",
                    "..",
                    ".");
    private static final List<String> BODY_FIELDS =
            List.of(
                    "configuration",
                    "changeReason",
                    "key",
                    "value",
                    "type",
                    "serviceId",
                    "environment",
                    "operations",
                    "id",
                    "scopes",
                    "description",
                    "expiresAt",
                    "decision",
                    "reason",
                    "inheritsFrom",
                    "configurationOverrides",
                    "retention",
                    "requiredApprovals",
                    "expiresAfter",
                    "name",
                    "rotationIntervalSeconds",
                    "gracePeriodSeconds",
                    "rotationPolicyId",
                    "force",
                    "expectedVersion",
                    "sensitivity",
                    "tags",
                    "$schema",
                    "properties",
                    "keys");
    private static final List<String> CONTENT_TYPES =
            List.of(
                    "application/json",
                    "application/json",
                    "application/json",
                    "application/merge-patch+json",
                    "text/plain",
                    "application/xml",
                    "application/json; charset=bogus",
                    "multipart/form-data; boundary=x",
                    "application/x-yaml",
                    "*/*",
                    "",
                    "application/json, application/json");

    private final List<Operation> operations;
    private final Map<String, String> tokens;
    private final Random random;

    /**
     * @param tokens the token to send per kind ({@code service}, {@code admin}); a third of
     *     requests send none
     */
    FuzzRequests(List<Operation> operations, Map<String, String> tokens, long seed) {
        this.operations = operations;
        this.tokens = tokens;
        this.random = new Random(seed);
    }

    /** The operations of an OpenAPI document ({@code /v3/api-docs}). */
    static List<Operation> operations(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : openApi.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                List<String> query = new ArrayList<>();
                for (JsonNode parameter : method.getValue().path("parameters")) {
                    if ("query".equals(parameter.path("in").asString())) {
                        query.add(parameter.get("name").asString());
                    }
                }
                operations.add(
                        new Operation(
                                method.getKey().toUpperCase(),
                                path.getKey(),
                                query,
                                method.getValue().has("requestBody")));
            }
        }
        return operations;
    }

    /** The next request and the operation it was made from. */
    synchronized Map.Entry<Operation, RawHttp.Request> next() {
        Operation operation = operations.get(random.nextInt(operations.size()));
        String method = random.nextInt(20) == 0 ? pick(METHODS) : operation.method();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int tokenKind = random.nextInt(3);
        if (tokenKind == 0) {
            headers.add(Map.entry("X-Service-Token", tokens.get("service")));
        } else if (tokenKind == 1) {
            headers.add(Map.entry("X-Service-Token", tokens.get("admin")));
        }
        byte[] body = new byte[0];
        if (operation.hasBody() || random.nextInt(10) == 0) {
            body = body().getBytes(StandardCharsets.UTF_8);
            String contentType = pick(CONTENT_TYPES);
            if (!contentType.isEmpty()) {
                headers.add(Map.entry("Content-Type", contentType));
            }
        }
        headers.addAll(abusiveHeaders());
        String target = path(operation.path()) + query(operation.queryParameters());
        return Map.entry(operation, new RawHttp.Request(method, target, headers, body));
    }

    private String path(String template) {
        Matcher parameter = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            parameter.appendReplacement(path, Matcher.quoteReplacement(segmentValue()));
        }
        parameter.appendTail(path);
        if (random.nextInt(25) == 0) {
            path.append(
                    pick(
                            List.of(
                                    "/",
                                    "/..",
                                    "/%2e%2e/%2e%2e/actuator/env",
                                    "//",
                                    "/extra",
                                    "%20",
                                    ";x=1")));
        }
        return path.toString();
    }

    /** A path segment: mostly encoded, sometimes raw abuse that is invalid on purpose. */
    private String segmentValue() {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> encode(pick(WORDS).isEmpty() ? "x" : pick(WORDS));
            case 3 -> encode(randomText(1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 40)));
            case 4 -> pick(ABUSE);
            default -> encode(pick(ABUSE));
        };
    }

    private String query(List<String> declared) {
        List<String> pairs = new ArrayList<>();
        for (String name : declared) {
            if (random.nextInt(10) < 6) {
                pairs.add(name + "=" + queryValue());
                if (random.nextInt(15) == 0) {
                    pairs.add(name + "=" + queryValue());
                }
            }
        }
        if (random.nextInt(8) == 0) {
            pairs.add(
                    pick(
                                    List.of(
                                            "environment",
                                            "version",
                                            "limit",
                                            "cursor",
                                            "resolveSecrets",
                                            "explain",
                                            "sinceRevision",
                                            "format",
                                            "force",
                                            "keys",
                                            "mode",
                                            "x",
                                            "%zz",
                                            "a[0]",
                                            ""))
                            + "="
                            + queryValue());
        }
        if (pairs.isEmpty()) {
            return random.nextInt(30) == 0 ? "?" : "";
        }
        return "?" + String.join("&", pairs);
    }

    private String queryValue() {
        return switch (random.nextInt(7)) {
            case 0, 1, 2 -> encode(pick(WORDS));
            case 3 -> encode(Integer.toString(random.nextInt()));
            case 4 -> encode(randomText(1 + random.nextInt(random.nextInt(10) == 0 ? 4000 : 30)));
            case 5 -> pick(ABUSE);
            default -> encode(pick(ABUSE));
        };
    }

    private String body() {
        return switch (random.nextInt(12)) {
            case 0 -> truncated(json(0));
            case 1 -> nested(10 + random.nextInt(random.nextInt(4) == 0 ? 5000 : 100));
            case 2 ->
                    "{\"configuration\":{\"k\":\""
                            + "x"
                                    .repeat(
                                            random.nextInt(10) == 0
                                                    ? 900_000
                                                    : 1 + random.nextInt(50_000))
                            + "\"},\"changeReason\":\"big\"}";
            case 3 ->
                    pick(
                            List.of(
                                    "",
                                    "null",
                                    "true",
                                    "1",
                                    "\"text\"",
                                    "[]",
                                    "[{}]",
                                    "{}",
                                    "{\"a\":}",
                                    "{,}",
                                    "{\"a\":1,\"a\":2}",
                                    "\u0000",
                                    "\ufeff{}",
                                    "{\"\\ud800\":\"\\udc00\"}",
                                    "{\"a\":\"\\uZZZZ\"}",
                                    "{\"a\":01}",
                                    "{\"a\":1e99999}",
                                    "not json at all",
                                    "<xml/>",
                                    "{'a':1}",
                                    "[1,2"));
            case 4 -> wrongTypes();
            default -> json(0);
        };
    }

    /** A JSON object with the API's field names and values of any type. */
    private String json(int depth) {
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                object.append(',');
            }
            object.append(quote(random.nextInt(10) == 0 ? randomText(8) : pick(BODY_FIELDS)))
                    .append(':')
                    .append(value(depth));
        }
        return object.append('}').toString();
    }

    private String value(int depth) {
        return switch (random.nextInt(depth > 3 ? 6 : 9)) {
            case 0 -> quote(pick(WORDS));
            case 1 -> quote(randomText(random.nextInt(60)));
            case 2 -> Long.toString(random.nextLong());
            case 3 ->
                    pick(
                            List.of(
                                    "true",
                                    "false",
                                    "null",
                                    "1.5",
                                    "-0",
                                    "1e308",
                                    "12345678901234567890123"));
            case 4 -> quote(pick(ABUSE));
            case 5 -> quote("${credential:" + pick(WORDS) + "}");
            case 6 -> "[" + value(depth + 1) + "," + value(depth + 1) + "]";
            case 7 ->
                    "[{\"id\":\"1\",\"type\":\""
                            + pick(List.of("SET", "DELETE", "MOVE"))
                            + "\",\"key\":"
                            + quote(pick(WORDS))
                            + ",\"value\":"
                            + value(depth + 1)
                            + "}]";
            default -> json(depth + 1);
        };
    }

    private String wrongTypes() {
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i < 4; i++) {
            object.append(i > 0 ? "," : "")
                    .append(quote(pick(BODY_FIELDS)))
                    .append(':')
                    .append(
                            pick(
                                    List.of(
                                            "[]",
                                            "{}",
                                            "123",
                                            "true",
                                            "null",
                                            "[[[]]]",
                                            "{\"x\":{\"y\":[1]}}",
                                            "\"\"",
                                            "-1",
                                            "3.14")));
        }
        return object.append('}').toString();
    }

    private String nested(int depth) {
        String open = random.nextBoolean() ? "{\"a\":" : "[";
        String close = open.equals("[") ? "]" : "}";
        return "{\"configuration\":"
                + open.repeat(depth)
                + "1"
                + close.repeat(depth)
                + ",\"changeReason\":\"deep\"}";
    }

    private String truncated(String json) {
        return json.length() < 2 ? "{" : json.substring(0, 1 + random.nextInt(json.length() - 1));
    }

    private List<Map.Entry<String, String>> abusiveHeaders() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (random.nextInt(4) != 0) {
            return headers;
        }
        switch (random.nextInt(12)) {
            case 0 ->
                    headers.add(
                            Map.entry(
                                    "If-Match",
                                    pick(
                                            List.of(
                                                    "\"1\"",
                                                    "*",
                                                    "W/\"1\"",
                                                    "\"abc",
                                                    "1",
                                                    "\"\"",
                                                    "\"99999999999999999999\"",
                                                    "\"r1\", \"2\""))));
            case 1 ->
                    headers.add(
                            Map.entry(
                                    "If-None-Match",
                                    pick(List.of("\"r1\"", "*", "\"", "W/\"r9\""))));
            case 2 ->
                    headers.add(
                            Map.entry(
                                    "Accept",
                                    pick(
                                            List.of(
                                                    "application/xml",
                                                    "text/html",
                                                    "*/*;q=x",
                                                    "application/json;q=0",
                                                    "image/png"))));
            case 3 ->
                    headers.add(
                            Map.entry(
                                    "X-Forwarded-For",
                                    pick(List.of("999.1.1.1", "::::", "a, b, c", ""))));
            case 4 -> headers.add(Map.entry("X-Fuzz", "y".repeat(7000)));
            case 5 ->
                    headers.add(
                            Map.entry(
                                    "Authorization",
                                    pick(
                                            List.of(
                                                    "Bearer",
                                                    "Bearer x.y.z",
                                                    "Basic Og==",
                                                    "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                                                    "Bearer " + "a".repeat(5000)))));
            case 6 -> {
                headers.add(Map.entry("X-Service-Token", "cst_" + randomText(20)));
                headers.add(Map.entry("X-Service-Token", pick(List.of("", "null", "cst_admin.x"))));
            }
            case 7 -> headers.add(Map.entry("Accept-Charset", "utf-7"));
            case 8 ->
                    headers.add(
                            Map.entry(
                                    "Content-Encoding",
                                    pick(List.of("gzip", "br", "identity, gzip"))));
            case 9 -> headers.add(Map.entry("Range", "bytes=0-1,-5"));
            case 10 -> headers.add(Map.entry("User-Agent", "\u00e9\u00e8" + "u".repeat(2000)));
            default -> headers.add(Map.entry("Expect", "100-continue"));
        }
        return headers;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) ('a' + random.nextInt(26)));
            } else if (kind < 8) {
                text.append(
                        pick(
                                List.of(
                                        ".", "-", "_", "/", " ", "%", "\"", "\\", "{", "}", "$",
                                        "'")));
            } else {
                text.appendCodePoint(
                        pick(List.of(0xe9, 0x4e2d, 0x1f600, 0x202e, 0xfeff, 0x7f, 0x0a, 0x09)));
            }
        }
        return text.toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
