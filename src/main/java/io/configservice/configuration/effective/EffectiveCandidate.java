package io.configservice.configuration.effective;

import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * An effective configuration a change would make, to be checked against the service's schema.
 *
 * @param baselines what the environment's effective configuration was built from before the change:
 *     its previous document, or for a new environment its parents'. When the change leaves it
 *     invalid but one of them was invalid too (a schema stored with {@code force=true}), the
 *     violation is not the change's and does not refuse it; with no baseline (the environment a
 *     write is made in) it must be valid
 */
public record EffectiveCandidate(
        String environment, ObjectNode document, Supplier<List<ObjectNode>> baselines) {

    /** An environment that must satisfy the schema whatever it was before. */
    public static EffectiveCandidate strict(String environment, ObjectNode document) {
        return new EffectiveCandidate(environment, document, List::of);
    }
}
