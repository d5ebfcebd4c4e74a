package io.configservice.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST calls the client makes, each with the service token: effective read, change feed,
 * credential read.
 */
final class ServiceApi {

    static final String TOKEN_HEADER = "X-Service-Token";
    private static final String RESYNC_REQUIRED = "RESYNC_REQUIRED";

    private final ClientSettings settings;
    private final HttpClient http;
    private final JsonMapper json;

    ServiceApi(ClientSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    }

    /**
     * An effective read: the document at a revision, or {@code null} document when it was not
     * modified.
     */
    record Fetched(long revision, @Nullable ObjectNode document) {

        boolean notModified() {
            return document == null;
        }
    }

    /** One logged effective revision and its diff. */
    record Change(long revision, List<PathChange> changes) {}

    /** A page of the change feed. */
    record Feed(long currentRevision, List<Change> changes) {}

    /** The change feed no longer reaches back to the revision asked for. */
    static final class ResyncRequired extends Exception {

        ResyncRequired(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * {@code GET /configurations/{serviceId}/environments/{environment}}, conditional when a
     * revision is known.
     */
    Fetched fetch(long knownRevision) {
        HttpRequest.Builder request = request(effectivePath());
        if (knownRevision > 0) {
            request.header("If-None-Match", "\"r" + knownRevision + "\"");
        }
        HttpResponse<String> response = send(request.GET().build());
        if (response.statusCode() == 304) {
            return new Fetched(knownRevision, null);
        }
        JsonNode body = successBody(response);
        JsonNode configuration = body.path("data").path("configuration");
        if (!(configuration instanceof ObjectNode document)) {
            throw new ConfigServiceException(
                    "the effective read has no configuration object",
                    response.statusCode(),
                    null,
                    null);
        }
        return new Fetched(body.path("meta").path("revision").asLong(), document);
    }

    /**
     * {@code GET …/changes?sinceRevision=N}: the effective changes after a revision, oldest first.
     */
    Feed changesSince(long revision) throws ResyncRequired {
        HttpResponse<String> response =
                send(request(effectivePath() + "/changes?sinceRevision=" + revision).GET().build());
        if (response.statusCode() == 410 && RESYNC_REQUIRED.equals(errorCode(response))) {
            throw new ResyncRequired(
                    "the change feed no longer reaches back to revision " + revision);
        }
        JsonNode data = successBody(response).path("data");
        List<Change> changes = new ArrayList<>();
        for (JsonNode change : data.path("changes")) {
            List<PathChange> paths = new ArrayList<>();
            for (JsonNode path : change.path("changes")) {
                paths.add(PathChange.of(path));
            }
            changes.add(new Change(change.path("revision").asLong(), paths));
        }
        return new Feed(data.path("currentRevision").asLong(), changes);
    }

    /** {@code GET /credentials/{key}}: the current value. */
    CredentialValue credential(String key) {
        HttpResponse<String> response =
                send(
                        request(
                                        "/credentials/"
                                                + URLEncoder.encode(key, StandardCharsets.UTF_8)
                                                        .replace("+", "%20"))
                                .GET()
                                .build());
        JsonNode data = successBody(response).path("data");
        return new CredentialValue(
                key, data.path("value").asString(), data.path("version").asInt());
    }

    private String effectivePath() {
        return "/configurations/"
                + settings.serviceId()
                + "/environments/"
                + settings.environment();
    }

    private HttpRequest.Builder request(String path) {
        URI uri = settings.api(path);
        return HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header(TOKEN_HEADER, settings.token())
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigServiceException(
                    "the config service at " + settings.url() + " is unreachable: " + e,
                    0,
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigServiceException(
                    "interrupted while calling the config service", 0, null, e);
        }
    }

    private JsonNode successBody(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            String path = response.request().uri().getPath();
            throw new ConfigServiceException(
                    "GET "
                            + path
                            + " answered "
                            + status
                            + " "
                            + errorCode(response)
                            + ": "
                            + errorMessage(response),
                    status,
                    errorCode(response),
                    null);
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new ConfigServiceException(
                    "the config service answered invalid JSON", status, null, e);
        }
    }

    private @Nullable String errorCode(HttpResponse<String> response) {
        JsonNode code = errorBody(response).path("code");
        return code.isString() ? code.asString() : null;
    }

    private String errorMessage(HttpResponse<String> response) {
        return errorBody(response).path("error").asString("");
    }

    private JsonNode errorBody(HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? json.missingNode() : json.readTree(response.body());
        } catch (JacksonException e) {
            return json.missingNode();
        }
    }
}
