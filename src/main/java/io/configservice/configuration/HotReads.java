package io.configservice.configuration;

import io.configservice.audit.RequestOrigin;
import io.configservice.cache.ConfigurationRead;
import io.configservice.configuration.effective.EffectiveConfigurationService;
import io.configservice.configuration.effective.EffectiveRead;
import io.configservice.security.AuthenticatedReadEndpoint;
import io.configservice.security.Caller;
import io.configservice.web.JsonGetRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The two reads every client makes, {@code GET /api/v1/configurations/{serviceId}} and {@code GET
 * /api/v1/configurations/{serviceId}/environments/{environment}} with at most the {@code
 * environment} parameter ({@link HotRead} says which requests), answered at the end of their
 * security chain: the same service calls, access checks, audit, entity tags and bytes as {@link
 * ConfigurationController#get} and {@link ConfigurationLayersController#getEffective}, without the
 * dispatcher, handler lookup, argument resolution and content negotiation of every request. The
 * request's metrics carry the route's pattern. Every other request, including these paths with
 * {@code version}, {@code resolveSecrets}, {@code explain} or an {@code Accept} that excludes JSON,
 * goes on to those controller methods, which also document the operations. {@code HotReadsTests}
 * checks that both ways answer alike.
 */
@Component
class HotReads implements AuthenticatedReadEndpoint {

    private final ConfigurationQueryService queries;
    private final EffectiveConfigurationService effective;

    HotReads(ConfigurationQueryService queries, EffectiveConfigurationService effective) {
        this.queries = queries;
        this.effective = effective;
    }

    @Override
    public boolean serve(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HotRead read = HotRead.of(request);
        if (read == null) {
            return false;
        }
        JsonGetRequests.observedAs(request, read.pattern());
        answer(read, request, response);
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
        body.writeTo(JsonGetRequests.jsonBody(response, body.length()));
    }

    private static @Nullable String ifNoneMatch(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
        return values.hasMoreElements() ? String.join(",", Collections.list(values)) : null;
    }
}
