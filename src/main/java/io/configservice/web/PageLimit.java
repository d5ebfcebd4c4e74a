package io.configservice.web;

/**
 * The one bound of every paged list and change feed: a client asks for at most {@link #MAX} items
 * at a time.
 */
public final class PageLimit {

    public static final int MAX = 500;

    private PageLimit() {}

    /**
     * @throws ApiException {@code INVALID_REQUEST} unless {@code 1 <= limit <= MAX}
     */
    public static void require(int limit) {
        if (limit < 1 || limit > MAX) {
            throw ApiException.invalidRequest("limit must be between 1 and " + MAX);
        }
    }
}
