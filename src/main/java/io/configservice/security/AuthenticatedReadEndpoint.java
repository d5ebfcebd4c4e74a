package io.configservice.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Reads answered at the end of the reads' security chain, after the firewall, the response headers,
 * authentication, the rate limits and the authorization rule have run, without passing through
 * Spring MVC's dispatcher: for the reads every service replica makes, what the dispatcher costs per
 * request is a large part of the read (bench/RESULTS.md). The caller is in the security context, as
 * a controller finds it through {@link Caller#current()}.
 */
public interface AuthenticatedReadEndpoint {

    /**
     * Answers the request when it is one of this endpoint's reads and returns true; returns false
     * without touching the request or the response otherwise, and the request goes on to the
     * dispatcher. An exception is answered by the application's exception handlers, as a
     * controller's is.
     */
    boolean serve(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
