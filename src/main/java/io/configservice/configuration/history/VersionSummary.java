package io.configservice.configuration.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One entry of a configuration's version history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionSummary(
        int version,
        ChangeType changeType,
        List<String> changedKeys,
        @Nullable String changeReason,
        @Nullable String changedBy,
        Instant changedAt,
        @Nullable Integer rollbackSourceVersion) {

    public static VersionSummary from(ConfigurationHistory history) {
        return new VersionSummary(
                history.version(),
                history.changeType(),
                history.changedKeys(),
                history.changeReason(),
                history.changedBy(),
                history.changedAt(),
                history.rollbackSourceVersion());
    }
}
