package io.configservice.security;

import io.configservice.ratelimit.RateLimitGate;
import io.configservice.web.ApiErrorWriter;
import io.configservice.web.ErrorCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;

/**
 * HTTP security: stateless token authentication, the error envelope for 401 and 403, and which paths are open
 * (health, probes, metrics, API docs, the STOMP handshake, which authenticates its CONNECT frame instead).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ServiceTokenService tokenService, ApiErrorWriter errorWriter,
            RateLimitGate rateLimits) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ServiceTokenAuthenticationFilter(tokenService, errorWriter, rateLimits),
                        AbstractPreAuthenticatedProcessingFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/v1/health").permitAll()
                        .requestMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/environments", "/api/v1/environments/**")
                        .authenticated()
                        .requestMatchers("/api/v1/environments", "/api/v1/environments/**").hasRole("ADMIN")
                        .requestMatchers("/api/v1/**").authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/ws", "/ws/**", "/ws-sockjs", "/ws-sockjs/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, ex) -> errorWriter.write(response,
                                ErrorCode.UNAUTHORIZED, "Authentication required: send an X-Service-Token header",
                                null))
                        .accessDeniedHandler((request, response, ex) -> errorWriter.write(response,
                                ErrorCode.AUTHORIZATION_ERROR, "This token is not allowed to do that", null)))
                .build();
    }
}
