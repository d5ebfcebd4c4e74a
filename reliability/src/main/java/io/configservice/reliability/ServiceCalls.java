package io.configservice.reliability;

import io.configservice.testserver.AdminClient;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Calls the service's REST API with the admin token and never throws on a failed call: a connection
 * that fails or an answer that does not come within the timeout is an {@link Answer} with status
 * {@link #NO_ANSWER}, so a load driver counts it like any other outcome.
 */
final class ServiceCalls {

    /** The status of a call that got no HTTP answer (connection refused or reset, timeout). */
    static final int NO_ANSWER = 0;

    private final AdminClient admin;

    ServiceCalls(AdminClient admin) {
        this.admin = admin;
    }

    /**
     * One answer: its status, its parsed body (null when empty) and its Retry-After header if any.
     */
    record Answer(int status, JsonNode body, String retryAfter) {

        boolean successful() {
            return status >= 200 && status < 300;
        }

        /** The envelope's {@code data}. */
        JsonNode data() {
            return body == null ? null : body.get("data");
        }

        /**
         * The envelope's {@code data} of an answer that must be 2xx, for the set-up of a scenario.
         */
        JsonNode requireData(String what) {
            if (!successful()) {
                throw new IllegalStateException(what + " answered " + status + ": " + body);
            }
            return data();
        }
    }

    Answer get(String path) {
        return send("GET", path, Map.of(), null);
    }

    /** A call with extra headers; {@code body} is serialized to JSON unless null. */
    Answer send(String method, String path, Map<String, String> headers, Object body) {
        try {
            AdminClient.Answer answer = admin.send(method, path, headers, body);
            List<String> retryAfter = answer.headers().getOrDefault("Retry-After", List.of());
            return new Answer(
                    answer.status(),
                    answer.body(),
                    retryAfter.isEmpty() ? null : retryAfter.get(0));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException
                    || e.getCause() instanceof InterruptedException) {
                return new Answer(NO_ANSWER, null, null);
            }
            throw e;
        }
    }
}
