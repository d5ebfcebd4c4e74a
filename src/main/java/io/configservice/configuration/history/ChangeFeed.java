package io.configservice.configuration.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The changes a client missed: every version after the one it has, oldest first (at most 500; ask
 * again from the last one for more), with the current version so it can tell whether it is up to
 * date.
 */
public record ChangeFeed(int currentVersion, List<Change> changes) {

    /** One version's change, with the same diff the {@code configuration_changed} event carried. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(
            int version,
            ChangeType changeType,
            @Nullable String changedBy,
            Instant changedAt,
            @Nullable String changeReason,
            JsonNode changes) {}
}
