package io.configservice.configuration;

import io.configservice.audit.RequestOrigin;
import io.configservice.cache.ConfigurationRead;
import io.configservice.configuration.effective.EffectiveConfigurationService;
import io.configservice.configuration.effective.EffectiveRead;
import io.configservice.security.AuthenticatedReadEndpoint;
import io.configservice.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The two reads every client makes, {@code GET /api/v1/configurations/{serviceId}} and {@code GET
 * /api/v1/configurations/{serviceId}/environments/{environment}} with at most the {@code
 * environment} parameter ({@link HotRead} says which requests), answered at the end of their
 * security chain: the same service calls, access checks, audit, entity tags and bytes as {@link
 * ConfigurationController#get} and {@link ConfigurationLayersController#getEffective}, without the
 * dispatcher, handler lookup, argument resolution and content negotiation of every request. A
 * failure is answered by the application's exception handlers, as a controller's would be, and the
 * request's metrics carry the route's pattern. Every other request, including these paths with
 * {@code version}, {@code resolveSecrets}, {@code explain} or an {@code Accept} that excludes JSON,
 * goes on to those controller methods, which also document the operations. {@code HotReadsTests}
 * checks that both ways answer alike.
 */
@Component
class HotReads implements AuthenticatedReadEndpoint {

    private final ConfigurationQueryService queries;
    private final EffectiveConfigurationService effective;
    private final HandlerExceptionResolver exceptionHandlers;

    HotReads(
            ConfigurationQueryService queries,
            EffectiveConfigurationService effective,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionHandlers) {
        this.queries = queries;
        this.effective = effective;
        this.exceptionHandlers = exceptionHandlers;
    }

    @Override
    public boolean serve(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            HotRead read = HotRead.of(request);
            if (read == null) {
                return false;
            }
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(context -> context.setPathPattern(read.pattern()));
            answer(read, request, response);
        } catch (RuntimeException e) {
            if (exceptionHandlers.resolveException(request, response, null, e) == null) {
                throw e;
            }
        }
        return true;
    }

    private void answer(HotRead read, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String ifNoneMatch = ifNoneMatch(request);
        if (read.effective()) {
            EffectiveRead effectiveRead =
                    effective.read(
                            Caller.current(),
                            read.serviceId(),
                            read.environment(),
                            RequestOrigin.of(request));
            respond(
                    response,
                    EntityTags.ofRevision(effectiveRead.revision()),
                    EntityTags.matchesRevision(ifNoneMatch, effectiveRead.revision()),
                    effectiveRead.read());
            return;
        }
        ConfigurationRead own =
                queries.read(
                        Caller.current(),
                        read.serviceId(),
                        read.environment(),
                        null,
                        RequestOrigin.of(request));
        int version = own.entry().version();
        respond(response, EntityTags.of(version), EntityTags.matches(ifNoneMatch, version), own);
    }

    private static void respond(
            HttpServletResponse response, String etag, boolean notModified, ConfigurationRead read)
            throws IOException {
        response.setHeader(HttpHeaders.ETAG, etag);
        if (notModified) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ReadResponseBody body = new ReadResponseBody(read, Instant.now());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length());
        body.writeTo(response.getOutputStream());
    }

    private static @Nullable String ifNoneMatch(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        return values.hasMoreElements() ? String.join(",", Collections.list(values)) : null;
    }
}
