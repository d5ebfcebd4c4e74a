package io.configservice.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * What the reads answered outside Spring MVC's dispatcher ({@code
 * security.AuthenticatedReadEndpoint}) need to take a request as a handler mapping would and to
 * answer it as a controller returning JSON would: the method and {@code Accept} check, the path
 * matched with Spring's own patterns and decoding, the query parameters, the route's pattern for
 * the request's metrics, and the JSON answer.
 */
public final class JsonGetRequests {

    private JsonGetRequests() {}

    /**
     * The path variables when the request is a {@code GET} of {@code pattern} that accepts JSON (no
     * {@code Accept}, or one admitting {@code application/json}); {@code null} otherwise.
     */
    public static @Nullable Map<String, String> match(
            HttpServletRequest request, PathPattern pattern) {
        if (!"GET".equals(request.getMethod())) {
            return null;
        }
        PathPattern.PathMatchInfo match = pattern.matchAndExtract(path(request));
        return match == null || !acceptsJson(request) ? null : match.getUriVariables();
    }

    /**
     * Names the request's metrics ({@code uri}) after the route's pattern, as a handler mapping
     * does.
     */
    public static void observedAs(HttpServletRequest request, PathPattern pattern) {
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context -> context.setPathPattern(pattern.getPatternString()));
    }

    /**
     * A GET's parameters, which come from its query string only: none without one. A query string
     * that is one {@code name=value} of unreserved characters (RFC 3986: letters, digits, {@code
     * -._~}), such as {@code environment=production}, is read here, since decoding leaves it as it
     * is; any other goes to the servlet container, whose parsing took a few per cent of a cached
     * read's CPU.
     *
     * @throws RuntimeException from the servlet container when the query string cannot be decoded,
     *     as a controller reading its parameters would
     */
    public static Map<String, String[]> parameters(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return Map.of();
        }
        int equals = query.indexOf('=');
        return equals > 0
                        && unreserved(query, 0, equals)
                        && unreserved(query, equals + 1, query.length())
                ? Map.of(query.substring(0, equals), new String[] {query.substring(equals + 1)})
                : request.getParameterMap();
    }

    private static boolean unreserved(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean unreserved =
                    c >= 'a' && c <= 'z'
                            || c >= 'A' && c <= 'Z'
                            || c >= '0' && c <= '9'
                            || c == '-'
                            || c == '.'
                            || c == '_'
                            || c == '~';
            if (!unreserved) {
                return false;
            }
        }
        return true;
    }

    /** Whether the parameters are none, or {@code name} alone and given once. */
    public static boolean atMostOne(Map<String, String[]> parameters, String name) {
        return parameters.isEmpty()
                || parameters.size() == 1
                        && parameters.getOrDefault(name, new String[0]).length == 1;
    }

    /**
     * Answers 200 with a JSON body of {@code length} bytes, to be written to the stream returned.
     */
    public static OutputStream jsonBody(HttpServletResponse response, int length)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(length);
        return response.getOutputStream();
    }

    /** The path Spring parsed for this request already, or parsed here as Spring does. */
    private static PathContainer path(HttpServletRequest request) {
        return (ServletRequestPathUtils.hasParsedRequestPath(request)
                        ? ServletRequestPathUtils.getParsedRequestPath(request)
                        : RequestPath.parse(request.getRequestURI(), request.getContextPath()))
                .pathWithinApplication();
    }

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
