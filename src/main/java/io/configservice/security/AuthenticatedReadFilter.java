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

/**
 * The last filter of the configuration reads' security chain: a request one of the {@link
 * AuthenticatedReadEndpoint}s serves ends here, every other one goes on to the dispatcher.
 */
class AuthenticatedReadFilter implements Filter {

    private final List<AuthenticatedReadEndpoint> endpoints;

    AuthenticatedReadFilter(List<AuthenticatedReadEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request instanceof HttpServletRequest http
                && response instanceof HttpServletResponse httpResponse) {
            for (AuthenticatedReadEndpoint endpoint : endpoints) {
                if (endpoint.serve(http, httpResponse)) {
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
