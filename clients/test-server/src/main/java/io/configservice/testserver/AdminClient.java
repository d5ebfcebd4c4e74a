package io.configservice.testserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the service's REST API with the admin token, to set up and change what a test observes. */
public final class AdminClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUri;
    private final String adminToken;

    AdminClient(URI baseUri, String adminToken) {
        this.baseUri = baseUri;
        this.adminToken = adminToken;
    }

    /** An answer: status and parsed body ({@code null} when there is none). */
    public record Answer(int status, JsonNode body, Map<String, List<String>> headers) {

        /** The answer's {@code data}, after checking the status is 2xx. */
        public JsonNode data() {
            if (status < 200 || status >= 300) {
                throw new IllegalStateException(
                        "expected a 2xx answer, got " + status + ": " + body);
            }
            return body.get("data");
        }
    }

    /**
     * Issues a service token for {@code serviceId} with the given scopes (all scopes when none are
     * given).
     */
    public String issueToken(String serviceId, String... scopes) {
        Map<String, Object> request =
                scopes.length == 0
                        ? Map.of("serviceId", serviceId, "description", "test token")
                        : Map.of(
                                "serviceId",
                                serviceId,
                                "description",
                                "test token",
                                "scopes",
                                List.of(scopes));
        return send("POST", "/api/v1/tokens", request).data().get("token").asString();
    }

    /** Writes the service's own layer in an environment (creating it if missing). */
    public JsonNode putConfiguration(String serviceId, String environment, Object configuration) {
        return send(
                        "PUT",
                        "/api/v1/configurations/" + serviceId + "/environments/" + environment,
                        Map.of("configuration", configuration, "changeReason", "test"))
                .data();
    }

    /** Any call with the admin token; {@code body} is serialized to JSON unless {@code null}. */
    public Answer send(String method, String path, Object body) {
        return send(method, path, Map.of(), body);
    }

    /** Any call with the admin token and extra headers (for example {@code If-Match}). */
    public Answer send(String method, String path, Map<String, String> headers, Object body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(baseUri.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("X-Service-Token", adminToken);
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), parsed, response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }
}
