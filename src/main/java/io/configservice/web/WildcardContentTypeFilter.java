package io.configservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose Content-Type is a wildcard ({@code *}{@code /*}, {@code application/*}) with 415: such a
 * type names no body format, and Spring's request headers refuse to hold one, so reading the body would otherwise
 * fail with an {@link IllegalArgumentException} and answer 500. Unparsable types are left to Spring, which answers 415.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class WildcardContentTypeFilter extends OncePerRequestFilter {

    private final ApiErrorWriter errorWriter;

    WildcardContentTypeFilter(ApiErrorWriter errorWriter) {
        this.errorWriter = errorWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && isWildcard(contentType)) {
            errorWriter.write(response, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must name a media type, not a wildcard", null);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
