package io.configservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Answers 503 {@code DEPENDENCY_UNAVAILABLE} with {@code Retry-After} for a dependency outage that
 * escapes a filter (token check, rate limit, security) and so never meets {@link
 * ApiExceptionHandler}; other failures pass on unchanged. Ordered inside the request-observation
 * filter, so metrics record the 503, and outside the security chain.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class DependencyUnavailableFilter extends HttpFilter {

    private static final Logger log = LoggerFactory.getLogger(DependencyUnavailableFilter.class);

    private final ApiErrorWriter errorWriter;

    DependencyUnavailableFilter(ApiErrorWriter errorWriter) {
        this.errorWriter = errorWriter;
    }

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DependencyFailures.isDependencyUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn(
                    "Dependency unavailable before the request reached a controller: {}",
                    e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, DependencyFailures.RETRY_AFTER_SECONDS);
            errorWriter.write(
                    response,
                    ErrorCode.DEPENDENCY_UNAVAILABLE,
                    "A dependency of the service is unavailable; retry later",
                    null);
        }
    }
}
