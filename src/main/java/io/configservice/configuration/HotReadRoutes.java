package io.configservice.configuration;

import io.configservice.audit.RequestOrigin;
import io.configservice.cache.ConfigurationRead;
import io.configservice.configuration.effective.EffectiveConfigurationService;
import io.configservice.configuration.effective.EffectiveRead;
import io.configservice.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * The two reads every client makes, {@code GET /api/v1/configurations/{serviceId}} and {@code GET
 * /api/v1/configurations/{serviceId}/environments/{environment}} with at most the {@code
 * environment} parameter, served as functional endpoints ahead of the annotated mappings: the same
 * service calls, access checks, audit, entity tags and bytes as {@link ConfigurationController#get}
 * and {@link ConfigurationLayersController#getEffective}, without resolving seven method arguments,
 * negotiating the content type and handling a return value per request. Every other request,
 * including these paths with {@code version}, {@code resolveSecrets}, {@code explain} or an {@code
 * Accept} that excludes JSON, goes on to those controller methods, which also document the
 * operations. {@code HotReadRoutesTests} checks that both ways answer alike.
 */
@Configuration(proxyBeanMethods = false)
class HotReadRoutes {

    private static final String ENVIRONMENT = "environment";
    private static final String BASE = "/api/v1/configurations";

    @Bean
    RouterFunctionMapping hotReadMapping(
            ConfigurationQueryService queries, EffectiveConfigurationService effective) {
        RouterFunction<ServerResponse> routes =
                RouterFunctions.route()
                        .GET(
                                BASE + "/{serviceId}",
                                onlyEnvironmentParameter(),
                                request -> ownDocument(queries, request))
                        .GET(
                                BASE + "/{serviceId}/environments/{environment}",
                                noParameters(),
                                request -> effectiveConfiguration(effective, request))
                        .build();
        RouterFunctionMapping mapping = new RouterFunctionMapping(routes);
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return mapping;
    }

    private static ServerResponse ownDocument(
            ConfigurationQueryService queries, ServerRequest request) {
        ConfigurationRead read =
                queries.read(
                        Caller.current(),
                        request.pathVariable("serviceId"),
                        request.param(ENVIRONMENT)
                                .orElse(ConfigurationController.DEFAULT_ENVIRONMENT),
                        null,
                        RequestOrigin.of(request.servletRequest()));
        int version = read.entry().version();
        return respond(
                EntityTags.of(version), EntityTags.matches(ifNoneMatch(request), version), read);
    }

    private static ServerResponse effectiveConfiguration(
            EffectiveConfigurationService effective, ServerRequest request) {
        EffectiveRead read =
                effective.read(
                        Caller.current(),
                        request.pathVariable("serviceId"),
                        request.pathVariable(ENVIRONMENT),
                        RequestOrigin.of(request.servletRequest()));
        return respond(
                EntityTags.ofRevision(read.revision()),
                EntityTags.matchesRevision(ifNoneMatch(request), read.revision()),
                read.read());
    }

    private static ServerResponse respond(
            String etag, boolean notModified, ConfigurationRead read) {
        if (notModified) {
            return ServerResponse.status(304).eTag(etag).build();
        }
        ReadResponseBody body = new ReadResponseBody(read, Instant.now());
        return ServerResponse.ok()
                .eTag(etag)
                .contentType(MediaType.APPLICATION_JSON)
                .contentLength(body.length())
                .build(
                        (servletRequest, servletResponse) -> {
                            body.writeTo(servletResponse.getOutputStream());
                            return null;
                        });
    }

    private static @Nullable String ifNoneMatch(ServerRequest request) {
        List<String> values = request.headers().header(HttpHeaders.IF_NONE_MATCH);
        return values.isEmpty() ? null : String.join(",", values);
    }

    /** A JSON-accepting GET whose query parameters are at most one {@code environment}. */
    private static RequestPredicate onlyEnvironmentParameter() {
        return jsonGet().and(request -> onlyEnvironment(request.params()));
    }

    /** A JSON-accepting GET without query parameters. */
    private static RequestPredicate noParameters() {
        return jsonGet().and(request -> request.params().isEmpty());
    }

    private static RequestPredicate jsonGet() {
        return RequestPredicates.method(HttpMethod.GET)
                .and(RequestPredicates.accept(MediaType.APPLICATION_JSON));
    }

    private static boolean onlyEnvironment(Map<String, List<String>> parameters) {
        return parameters.isEmpty()
                || parameters.size() == 1
                        && parameters.getOrDefault(ENVIRONMENT, List.of()).size() == 1;
    }
}
