package io.configservice.configuration;

import io.configservice.web.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * Configuration versions as HTTP entity tags: {@code ETag: "7"}; {@code If-Match} and {@code
 * If-None-Match}. Effective configurations are tagged by revision: {@code ETag: "r17"}.
 */
final class EntityTags {

    private EntityTags() {}

    static String of(int version) {
        return "\"" + version + "\"";
    }

    /** An effective configuration's revision as an entity tag: {@code "r17"}. */
    static String ofRevision(long revision) {
        return "\"r" + revision + "\"";
    }

    /** Whether an {@code If-None-Match} header names this version (or is {@code *}). */
    static boolean matches(@Nullable String ifNoneMatch, int version) {
        return names(ifNoneMatch, Integer.toString(version));
    }

    /** Whether an {@code If-None-Match} header names this effective revision (or is {@code *}). */
    static boolean matchesRevision(@Nullable String ifNoneMatch, long revision) {
        return names(ifNoneMatch, "r" + revision);
    }

    private static boolean names(@Nullable String ifNoneMatch, String value) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || strip(trimmed).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The version a write expects, from {@code If-Match} and/or the body's {@code expectedVersion}.
     *
     * @throws ApiException {@code INVALID_REQUEST} when the header is not a version or disagrees
     *     with the body
     */
    static @Nullable Integer expectedVersion(@Nullable String ifMatch, @Nullable Integer fromBody) {
        if (ifMatch == null) {
            return fromBody;
        }
        int fromHeader;
        try {
            fromHeader = Integer.parseInt(strip(ifMatch.trim()));
        } catch (NumberFormatException e) {
            throw ApiException.invalidRequest(
                    "If-Match must name one configuration version, such as \"3\"");
        }
        if (fromBody != null && fromBody != fromHeader) {
            throw ApiException.invalidRequest("If-Match and expectedVersion disagree");
        }
        return fromHeader;
    }

    private static String strip(String tag) {
        String value = tag.startsWith("W/") ? tag.substring(2) : tag;
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
