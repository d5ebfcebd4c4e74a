package io.configservice.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/** Where a request came from, for audit rows. */
public record RequestOrigin(@Nullable String ipAddress, @Nullable String userAgent) {

    /** The client address and {@code User-Agent} of an HTTP request. */
    public static RequestOrigin of(HttpServletRequest request) {
        return new RequestOrigin(
                request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
    }
}
