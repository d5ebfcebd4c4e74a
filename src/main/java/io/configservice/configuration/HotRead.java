package io.configservice.configuration;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A request {@link HotReads} answers: a {@code GET} that accepts JSON, of a service's own document
 * ({@code /api/v1/configurations/{serviceId}}, with at most one {@code environment} parameter) or
 * of its effective configuration ({@code
 * /api/v1/configurations/{serviceId}/environments/{environment}}, without parameters). The path is
 * matched as Spring MVC matches its mappings, with the same patterns and the same decoding of the
 * variables.
 *
 * @param effective the effective configuration rather than the own document
 * @param pattern the route's pattern, the {@code uri} of the request's metrics
 */
record HotRead(boolean effective, String pattern, String serviceId, String environment) {

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
        if (!"GET".equals(request.getMethod()) || !acceptsJson(request)) {
            return null;
        }
        PathContainer path = requestPath(request).pathWithinApplication();
        PathPattern.PathMatchInfo own = OWN.matchAndExtract(path);
        if (own != null) {
            Map<String, String[]> parameters = parameters(request);
            return onlyEnvironment(parameters)
                    ? new HotRead(
                            false,
                            OWN.getPatternString(),
                            own.getUriVariables().get("serviceId"),
                            parameters.isEmpty()
                                    ? ConfigurationController.DEFAULT_ENVIRONMENT
                                    : parameters.get(ENVIRONMENT)[0])
                    : null;
        }
        PathPattern.PathMatchInfo effective = EFFECTIVE.matchAndExtract(path);
        if (effective != null && parameters(request).isEmpty()) {
            return new HotRead(
                    true,
                    EFFECTIVE.getPatternString(),
                    effective.getUriVariables().get("serviceId"),
                    effective.getUriVariables().get(ENVIRONMENT));
        }
        return null;
    }

    /** The path Spring parsed for this request already, or parsed here as Spring does. */
    private static RequestPath requestPath(HttpServletRequest request) {
        return ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : RequestPath.parse(request.getRequestURI(), request.getContextPath());
    }

    /** A GET's parameters come from its query string only: none without one. */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        return request.getQueryString() == null ? Map.of() : request.getParameterMap();
    }

    private static boolean onlyEnvironment(Map<String, String[]> parameters) {
        return parameters.isEmpty()
                || parameters.size() == 1
                        && parameters.getOrDefault(ENVIRONMENT, new String[0]).length == 1;
    }

    /** No {@code Accept}, or one that admits {@code application/json}. */
    private static boolean acceptsJson(HttpServletRequest request) {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (accept.isEmpty()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
