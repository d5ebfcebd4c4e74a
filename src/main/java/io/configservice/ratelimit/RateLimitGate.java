package io.configservice.ratelimit;

import io.configservice.web.ApiErrorWriter;
import io.configservice.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;

/**
 * Applies {@link RateLimiter} to servlet requests for the authentication filter: picks the bucket,
 * sets the {@code X-RateLimit-*} headers and answers 429 {@code RATE_LIMITED} with {@code
 * Retry-After}. Health, actuator and API documentation requests are exempt from the request limits,
 * but not from the failed-authentication limit, which would otherwise be a way around it. Each
 * method returns whether the request may go on; when it returns {@code false} the answer has been
 * written.
 */
public class RateLimitGate {

    public static final String LIMIT_HEADER = "X-RateLimit-Limit";
    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final RateLimiter limiter;
    private final ApiErrorWriter errorWriter;

    public RateLimitGate(RateLimiter limiter, ApiErrorWriter errorWriter) {
        this.limiter = limiter;
        this.errorWriter = errorWriter;
    }

    /**
     * The address a request's limits are kept under: the servlet's remote address, which is the
     * proxy's unless {@code server.forward-headers-strategy} makes it the client's. The STOMP
     * handshake takes it from here too.
     */
    public static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    /** A request without a token: spends the client address's bucket. */
    public boolean admitAnonymous(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (exempt(request)) {
            return true;
        }
        return answer(
                limiter.consumeForAddress(clientAddress(request)),
                response,
                "Too many requests from this address");
    }

    /**
     * A request with a token, before the token is checked: refused while its address is blocked.
     */
    public boolean admitAuthenticationAttempt(
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        return answer(
                limiter.checkAuthenticationAttempt(clientAddress(request)),
                response,
                "Too many failed authentication attempts from this address");
    }

    /** A token that failed authentication: spends the address's failed-authentication bucket. */
    public boolean admitFailedAuthentication(
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        RateLimitDecision decision = limiter.recordFailedAuthentication(clientAddress(request));
        if (decision.allowed()) {
            return true;
        }
        return answer(
                decision, response, "Too many failed authentication attempts from this address");
    }

    /** An authenticated request: spends its token's bucket. */
    public boolean admitToken(
            String tokenId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (exempt(request)) {
            return true;
        }
        return answer(
                limiter.consumeForToken(tokenId), response, "Too many requests for this token");
    }

    private boolean answer(RateLimitDecision decision, HttpServletResponse response, String refusal)
            throws IOException {
        if (decision.limited()) {
            response.setHeader(LIMIT_HEADER, Long.toString(decision.limit()));
            response.setHeader(REMAINING_HEADER, Long.toString(decision.remaining()));
        }
        if (decision.allowed()) {
            return true;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        errorWriter.write(
                response,
                ErrorCode.RATE_LIMITED,
                refusal + "; retry after " + decision.retryAfterSeconds() + " seconds",
                null);
        return false;
    }

    static boolean exempt(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/v1/health")
                || path.equals("/actuator")
                || path.startsWith("/actuator/")
                || path.startsWith("/v3/api-docs")
                || path.equals("/swagger-ui.html")
                || path.startsWith("/swagger-ui/");
    }
}
