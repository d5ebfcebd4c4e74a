package io.configservice.security;

import io.configservice.ratelimit.RateLimitGate;
import io.configservice.web.ApiErrorWriter;
import io.configservice.web.ErrorCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * HTTP security: stateless authentication by service token ({@code X-Service-Token}) or operator
 * JWT ({@code Authorization: Bearer}), the error envelope for 401 and 403, the coarse rules per
 * path (tokens, keys and environment writes for admins, the audit for auditors) and which paths are
 * open (health, probes, metrics, API docs, the STOMP handshake, which authenticates its CONNECT
 * frame instead). Finer rules (which service, which scope) are checked by the services through
 * {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /**
     * No observation of Spring Security's filters, authentications and authorizations: with
     * observations on, every filter of the chain is wrapped in an observing decorator that runs on
     * every request, and they feed no metric or alert of ours. The request itself stays observed
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Configuration reads and credential retrieves, the requests every service replica makes: the
     * same authentication, rate limits, error envelope and response headers as {@link
     * #apiSecurity}, whose rule for them is "authenticated" too, with only the filters that rule
     * needs. No anonymous authentication (an unauthenticated read is answered 401 by the entry
     * point, as there), no session management or request wrapping for the servlet API (the API is
     * stateless and reads the caller from the security context), and no security context
     * repository. The reads an {@link AuthenticatedReadEndpoint} serves are answered at the end of
     * this chain.
     */
    @Bean
    @Order(1)
    SecurityFilterChain readSecurity(
            HttpSecurity http,
            ServiceTokenService tokenService,
            OperatorTokens operatorTokens,
            ApiErrorWriter errorWriter,
            RateLimitGate rateLimits,
            ObjectProvider<AuthenticatedReadEndpoint> endpoints,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionHandlers)
            throws Exception {
        http.securityMatcher(
                        new OrRequestMatcher(
                                PathPatternRequestMatcher.pathPattern(
                                        HttpMethod.GET, "/api/v1/configurations/**"),
                                PathPatternRequestMatcher.pathPattern(
                                        HttpMethod.GET, "/api/v1/credentials/*")))
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .sessionManagement(session -> session.disable())
                .securityContext(
                        context ->
                                context.securityContextRepository(
                                        new NullSecurityContextRepository()))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .addFilterAfter(
                        new AuthenticatedReadFilter(
                                endpoints.orderedStream().toList(), exceptionHandlers),
                        AuthorizationFilter.class);
        return authenticatedApi(http, tokenService, operatorTokens, errorWriter, rateLimits);
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ServiceTokenService tokenService,
            OperatorTokens operatorTokens,
            ApiErrorWriter errorWriter,
            RateLimitGate rateLimits)
            throws Exception {
        http.sessionManagement(
                        session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(
                        auth ->
                                auth.requestMatchers(HttpMethod.GET, "/api/v1/health")
                                        .permitAll()
                                        .requestMatchers("/api/v1/tokens", "/api/v1/tokens/**")
                                        .hasRole("ADMIN")
                                        .requestMatchers("/api/v1/keys", "/api/v1/keys/**")
                                        .hasRole("ADMIN")
                                        .requestMatchers("/api/v1/audit/**")
                                        .hasRole("AUDITOR")
                                        .requestMatchers(
                                                HttpMethod.GET,
                                                "/api/v1/rotation-policies",
                                                "/api/v1/rotation-policies/**")
                                        .hasRole("READER")
                                        .requestMatchers(
                                                HttpMethod.GET,
                                                "/api/v1/environments",
                                                "/api/v1/environments/**",
                                                "/api/v1/approval-policies",
                                                "/api/v1/approval-policies/**")
                                        .authenticated()
                                        .requestMatchers(
                                                "/api/v1/environments",
                                                "/api/v1/environments/**",
                                                "/api/v1/approval-policies",
                                                "/api/v1/approval-policies/**")
                                        .hasRole("ADMIN")
                                        .requestMatchers("/api/v1/**")
                                        .authenticated()
                                        .requestMatchers(
                                                "/actuator/health",
                                                "/actuator/health/**",
                                                "/actuator/info",
                                                "/actuator/prometheus")
                                        .permitAll()
                                        .requestMatchers(
                                                "/v3/api-docs",
                                                "/v3/api-docs.yaml",
                                                "/v3/api-docs/**",
                                                "/swagger-ui.html",
                                                "/swagger-ui/**")
                                        .permitAll()
                                        .requestMatchers(
                                                "/ws",
                                                "/ws/**",
                                                "/ws-sockjs",
                                                "/ws-sockjs/**",
                                                "/error")
                                        .permitAll()
                                        .anyRequest()
                                        .authenticated());
        return authenticatedApi(http, tokenService, operatorTokens, errorWriter, rateLimits);
    }

    /**
     * What both chains share: service tokens, operator JWTs, rate limits and the error envelope for
     * 401 and 403.
     */
    private static SecurityFilterChain authenticatedApi(
            HttpSecurity http,
            ServiceTokenService tokenService,
            OperatorTokens operatorTokens,
            ApiErrorWriter errorWriter,
            RateLimitGate rateLimits)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.addObjectPostProcessor(headersBeforeTheAnswer()))
                .addFilterBefore(
                        new ServiceTokenAuthenticationFilter(tokenService, errorWriter, rateLimits),
                        AbstractPreAuthenticatedProcessingFilter.class)
                .exceptionHandling(
                        errors ->
                                errors.authenticationEntryPoint(
                                                (request, response, ex) ->
                                                        errorWriter.write(
                                                                response,
                                                                ErrorCode.UNAUTHORIZED,
                                                                "Authentication required: send an X-Service-Token header "
                                                                        + "or an Authorization: Bearer JWT",
                                                                null))
                                        .accessDeniedHandler(
                                                (request, response, ex) ->
                                                        errorWriter.write(
                                                                response,
                                                                ErrorCode.AUTHORIZATION_ERROR,
                                                                "This caller is not allowed to do that",
                                                                null)));
        operatorTokens
                .decoder()
                .ifPresent(
                        decoder ->
                                http.oauth2ResourceServer(
                                        resourceServer ->
                                                resourceServer
                                                        .authenticationEntryPoint(
                                                                invalidBearer(
                                                                        errorWriter, rateLimits))
                                                        .jwt(
                                                                jwt ->
                                                                        jwt.decoder(decoder)
                                                                                .jwtAuthenticationConverter(
                                                                                        token ->
                                                                                                authenticated(
                                                                                                        operatorTokens,
                                                                                                        token)))));
        return http.build();
    }

    /**
     * Spring Security's response headers written as the request comes in rather than when its
     * response commits: no wrapper around every response to catch the commit, and a 304 carries the
     * {@code Cache-Control}, {@code Pragma} and {@code Expires} of the 200 it stands for, as RFC
     * 9110 (15.4.5) asks (written at commit, they are left off a 304). Nothing here sets caching
     * headers of its own that these would have to give way to.
     */
    private static ObjectPostProcessor<HeaderWriterFilter> headersBeforeTheAnswer() {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        };
    }

    private static CallerAuthentication authenticated(OperatorTokens operatorTokens, Jwt token) {
        try {
            return new CallerAuthentication(operatorTokens.caller(token));
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException(e.getMessage(), e);
        }
    }

    /**
     * A bearer token that does not validate: 401 with the envelope, counted as a failed
     * authentication.
     */
    private static AuthenticationEntryPoint invalidBearer(
            ApiErrorWriter errorWriter, RateLimitGate rateLimits) {
        return (request, response, ex) -> {
            if (!rateLimits.admitFailedAuthentication(request, response)) {
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            errorWriter.write(
                    response,
                    ErrorCode.UNAUTHORIZED,
                    "The bearer token is invalid or expired",
                    null);
        };
    }
}
