package io.configservice.configuration;

import io.configservice.web.JsonGetRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A request {@link HotReads} answers: a {@code GET} that accepts JSON, of a service's own document
 * ({@code /api/v1/configurations/{serviceId}}, with at most one {@code environment} parameter) or
 * of its effective configuration ({@code
 * /api/v1/configurations/{serviceId}/environments/{environment}}, without parameters), matched as
 * Spring MVC matches its mappings ({@link JsonGetRequests}).
 *
 * @param effective the effective configuration rather than the own document
 * @param pattern the route's pattern, the {@code uri} of the request's metrics
 */
record HotRead(boolean effective, PathPattern pattern, String serviceId, String environment) {

    private static final String ENVIRONMENT = "environment";
    private static final PathPattern OWN =
            PathPatternParser.defaultInstance.parse("/api/v1/configurations/{serviceId}");
    private static final PathPattern EFFECTIVE =
            PathPatternParser.defaultInstance.parse(
                    "/api/v1/configurations/{serviceId}/environments/{environment}");

    /**
     * The read this request asks for, or {@code null} when it is not one of the two.
     *
     * @throws RuntimeException from the servlet container when the path is one of the two and its
     *     query string cannot be decoded, as a controller reading its parameters would
     */
    static @Nullable HotRead of(HttpServletRequest request) {
        Map<String, String> own = JsonGetRequests.match(request, OWN);
        if (own != null) {
            Map<String, String[]> parameters = JsonGetRequests.parameters(request);
            return JsonGetRequests.atMostOne(parameters, ENVIRONMENT)
                    ? new HotRead(
                            false,
                            OWN,
                            own.get("serviceId"),
                            parameters.isEmpty()
                                    ? ConfigurationController.DEFAULT_ENVIRONMENT
                                    : parameters.get(ENVIRONMENT)[0])
                    : null;
        }
        Map<String, String> effective = JsonGetRequests.match(request, EFFECTIVE);
        if (effective != null && JsonGetRequests.parameters(request).isEmpty()) {
            return new HotRead(
                    true, EFFECTIVE, effective.get("serviceId"), effective.get(ENVIRONMENT));
        }
        return null;
    }
}
