package io.configservice.security;

import io.configservice.ratelimit.RateLimitGate;
import io.configservice.web.ApiErrorWriter;
import io.configservice.web.DependencyFailures;
import io.configservice.web.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests that carry {@code X-Service-Token}. A present but unknown, revoked or
 * expired token is answered 401 at once; a request without the header continues anonymous and meets
 * the authorization rules. Rate limits apply per token, per address without a token, and to failed
 * authentications per address (429).
 */
class ServiceTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Service-Token";

    private static final String ALREADY_FILTERED =
            ServiceTokenAuthenticationFilter.class.getName() + ALREADY_FILTERED_SUFFIX;

    private final ServiceTokenService tokenService;
    private final ApiErrorWriter errorWriter;
    private final RateLimitGate rateLimits;

    ServiceTokenAuthenticationFilter(
            ServiceTokenService tokenService,
            ApiErrorWriter errorWriter,
            RateLimitGate rateLimits) {
        this.tokenService = tokenService;
        this.errorWriter = errorWriter;
        this.rateLimits = rateLimits;
    }

    /**
     * The request attribute that says this filter ran, as {@link OncePerRequestFilter} names it,
     * made once instead of on every request.
     */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        return ALREADY_FILTERED;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String raw = request.getHeader(HEADER);
        if (raw == null) {
            if (rateLimits.admitAnonymous(request, response)) {
                chain.doFilter(request, response);
            }
            return;
        }
        if (!rateLimits.admitAuthenticationAttempt(request, response)) {
            return;
        }
        Optional<Caller> caller;
        try {
            caller = tokenService.authenticate(raw);
        } catch (DataAccessException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, DependencyFailures.RETRY_AFTER_SECONDS);
            errorWriter.write(
                    response,
                    ErrorCode.DEPENDENCY_UNAVAILABLE,
                    "Tokens cannot be checked while the database is unavailable; retry later",
                    null);
            return;
        }
        if (caller.isEmpty()) {
            if (!rateLimits.admitFailedAuthentication(request, response)) {
                return;
            }
            errorWriter.write(
                    response,
                    ErrorCode.UNAUTHORIZED,
                    "The service token is unknown, revoked or expired",
                    null);
            return;
        }
        if (!rateLimits.admitToken(caller.get().tokenId(), request, response)) {
            return;
        }
        SecurityContextHolder.getContext()
                .setAuthentication(new CallerAuthentication(caller.get()));
        chain.doFilter(request, response);
    }
}
