package io.configservice.configuration.effective;

import io.configservice.configuration.document.ConfigurationChange;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The effective configuration an environment would have after a proposed change, before anything is
 * stored.
 *
 * @param currentRevision the environment's effective revision now; 0 when it has none yet
 * @param configuration the effective document after the change (empty when no layer would hold one)
 * @param changed whether the change alters the effective configuration here: its content, or
 *     whether there is one
 * @param changes the effective differences the change would make
 * @param previous the effective document before the change; {@code null} when there was none
 */
public record ProposedEffective(
        String environment,
        long currentRevision,
        ObjectNode configuration,
        boolean changed,
        List<ConfigurationChange> changes,
        @Nullable ObjectNode previous) {}
