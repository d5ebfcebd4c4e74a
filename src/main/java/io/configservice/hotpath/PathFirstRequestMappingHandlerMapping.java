package io.configservice.hotpath;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's request mapping, with one change: a mapping whose path patterns do not match is
 * rejected before its method, parameter, header, media type and version conditions are evaluated,
 * and a pattern whose literal beginning ({@code /api/v1/credentials} of {@code
 * /api/v1/credentials/{key}}) the request path does not start with, or whose number of separators
 * it does not have, is rejected by comparing strings. A path with a variable has no direct lookup,
 * so every request to it is tried against every mapping, and in Spring's order each try asks the
 * (several times wrapped) request for its method, parses its {@code Accept} header and matches the
 * parsed path. The result is the same: a mapping matches only when all of its conditions match, the
 * path is one of them, and the string comparison is made only where it is exact (case-sensitive
 * patterns, a path without percent-encoding).
 */
class PathFirstRequestMappingHandlerMapping extends RequestMappingHandlerMapping {

    /** The path being looked up, while the string tests are exact for it; none otherwise. */
    private final ThreadLocal<Lookup> lookups = new ThreadLocal<>();

    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(
            String lookupPath, HttpServletRequest request) throws Exception {
        PathPatternParser parser = getPatternParser();
        if (lookupPath.indexOf('%') >= 0 || parser == null || !parser.isCaseSensitive()) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        lookups.set(new Lookup(lookupPath, separators(lookupPath)));
        try {
            return super.lookupHandlerMethod(lookupPath, request);
        } finally {
            lookups.remove();
        }
    }

    @Override
    protected @Nullable RequestMappingInfo getMatchingMapping(
            RequestMappingInfo info, HttpServletRequest request) {
        PathPatternsRequestCondition paths = info.getPathPatternsCondition();
        if (paths != null
                && (!mayMatch(paths, lookups.get())
                        || paths.getMatchingCondition(request) == null)) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private static boolean mayMatch(PathPatternsRequestCondition paths, @Nullable Lookup lookup) {
        if (lookup == null) {
            return true;
        }
        for (PathPattern pattern : paths.getPatterns()) {
            String text = pattern.getPatternString();
            if (startsWithLiteralPart(lookup.path(), text)
                    && mayHaveSeparators(text, lookup.separators())) {
                return true;
            }
        }
        return false;
    }

    static int separators(String path) {
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            count += path.charAt(i) == '/' ? 1 : 0;
        }
        return count;
    }

    /**
     * Whether a path with this many {@code /} may match the pattern: outside {@code **} and <code>
     * {*rest}</code> (which span segments), each separator of a pattern matches exactly one
     * separator of the path and nothing else matches one, so the counts must be equal. Separators
     * inside a variable's regular expression are not counted.
     */
    static boolean mayHaveSeparators(String pattern, int separators) {
        if (pattern.contains("**") || pattern.contains("{*")) {
            return true;
        }
        int count = 0;
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(depth - 1, 0);
            } else if (c == '/' && depth == 0) {
                count++;
            }
        }
        return count == separators;
    }

    /**
     * Whether the path begins with the pattern's segments before the one with its first variable or
     * wildcard, without the separator in front of that segment ({@code /**} and <code>/{*rest}
     * </code> also match nothing at all).
     */
    static boolean startsWithLiteralPart(String path, String pattern) {
        int end = pattern.length();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' || c == '*' || c == '?') {
                end = Math.max(pattern.lastIndexOf('/', i), 0);
                break;
            }
        }
        return path.regionMatches(0, pattern, 0, end);
    }

    private record Lookup(String path, int separators) {}
}
