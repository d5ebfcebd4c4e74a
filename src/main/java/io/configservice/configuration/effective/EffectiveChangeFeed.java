package io.configservice.configuration.effective;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The effective changes a client missed: every revision after the one it has, oldest first (at most
 * 500; ask again from the last one for more), with the current revision so it can tell whether it
 * is up to date.
 */
public record EffectiveChangeFeed(long currentRevision, List<EffectiveChange> changes) {

    /**
     * One effective revision, with the same diff and cause the {@code configuration_changed} event
     * carried.
     */
    public record EffectiveChange(
            long revision, EffectiveCause cause, Instant changedAt, JsonNode changes) {}
}
