package io.configservice.web;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The list envelope: {@code data} is one page; {@code nextCursor} is present when there is more.
 */
public record PagedResponse<T>(
        boolean success, List<T> data, @Nullable String nextCursor, Instant timestamp) {

    public static <T> PagedResponse<T> of(Page<T> page) {
        return new PagedResponse<>(true, page.items(), page.nextCursor(), Instant.now());
    }

    /** One page of results and the opaque cursor of the next one, if any. */
    public record Page<T>(List<T> items, @Nullable String nextCursor) {}
}
