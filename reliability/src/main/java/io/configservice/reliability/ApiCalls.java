package io.configservice.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * REST calls to one server process with any token (a service token, the admin token or none),
 * answered with the raw body as well, so a scenario can look into every answer it provokes.
 */
final class ApiCalls {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUri;

    ApiCalls(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** An answer: status, {@code Retry-After} (or null) and the body as sent. */
    record Reply(int status, String retryAfter, String body) {

        JsonNode json() {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        /** The envelope's {@code data}, after checking the status is 2xx. */
        JsonNode data() {
            if (status < 200 || status >= 300) {
                throw new IllegalStateException(
                        "expected a 2xx answer, got " + status + ": " + body);
            }
            return json().get("data");
        }
    }

    /**
     * A JSON call; {@code token} null sends none, {@code body} null sends none, else it is
     * serialized.
     */
    Reply send(String method, String path, String token, Object body) {
        return sendText(method, path, token, body == null ? null : JSON.writeValueAsString(body));
    }

    /**
     * A call whose body is sent exactly as given (malformed JSON included), as {@code
     * application/json}.
     */
    Reply sendText(String method, String path, String token, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(baseUri.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("X-Service-Token", token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }
}
