package io.configservice.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Refuses, before any other filter reads them, two kinds of request that Tomcat lets through but
 * Spring cannot parse, and that would otherwise end in an {@link IllegalArgumentException} answered
 * 500:
 *
 * <ul>
 *   <li>a request path with a broken percent-encoding ({@code %zz}, a lone {@code %}) in a part
 *       Tomcat does not decode itself, such as a path parameter ({@code /x;a=%zz}): Spring's
 *       request path parsing decodes it and fails. Answered 400 {@code INVALID_REQUEST};
 *   <li>a wildcard Content-Type ({@code *}{@code /*}, {@code application/*}): it names no body
 *       format, and Spring's request headers refuse to hold one. Answered 415 {@code
 *       UNSUPPORTED_MEDIA_TYPE}; unparsable types are left to Spring, which answers 415 itself.
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class MalformedRequestFilter extends HttpFilter {

    private final ApiErrorWriter errorWriter;

    MalformedRequestFilter(ApiErrorWriter errorWriter) {
        this.errorWriter = errorWriter;
    }

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!percentEncodingIsValid(request.getRequestURI())) {
            errorWriter.write(
                    response,
                    ErrorCode.INVALID_REQUEST,
                    "The request path has an invalid percent-encoding",
                    null);
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && isWildcard(contentType)) {
            errorWriter.write(
                    response,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must name a media type, not a wildcard",
                    null);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Every {@code %} is followed by two hexadecimal digits. */
    static boolean percentEncodingIsValid(String uri) {
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length()
                    || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
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
