package io.configservice.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The last filter of the reads' security chain: a request one of the {@link
 * AuthenticatedReadEndpoint}s serves ends here, every other one goes on to the dispatcher. A
 * failure while serving is answered by the application's exception handlers, as a controller's
 * failure is.
 */
class AuthenticatedReadFilter implements Filter {

    private final List<AuthenticatedReadEndpoint> endpoints;
    private final HandlerExceptionResolver exceptionHandlers;

    AuthenticatedReadFilter(
            List<AuthenticatedReadEndpoint> endpoints, HandlerExceptionResolver exceptionHandlers) {
        this.endpoints = List.copyOf(endpoints);
        this.exceptionHandlers = exceptionHandlers;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request instanceof HttpServletRequest http
                && response instanceof HttpServletResponse httpResponse) {
            for (AuthenticatedReadEndpoint endpoint : endpoints) {
                if (served(endpoint, http, httpResponse)) {
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private boolean served(
            AuthenticatedReadEndpoint endpoint,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        try {
            return endpoint.serve(request, response);
        } catch (RuntimeException e) {
            if (exceptionHandlers.resolveException(request, response, null, e) == null) {
                throw e;
            }
            return true;
        }
    }
}
