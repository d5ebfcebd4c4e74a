package io.configservice.configuration.effective;

import java.util.List;

/**
 * The port through which the effective configurations a change would make are checked before they
 * are stored; configuration.schema implements it with the service's JSON Schema, so this package
 * never depends on that one.
 */
public interface EffectiveValidator {

    /**
     * Throws, and so rolls the change back, when a candidate must not be stored; called inside the
     * change's transaction, under the service's effective lock.
     */
    void requireValid(String serviceId, List<EffectiveCandidate> candidates);
}
