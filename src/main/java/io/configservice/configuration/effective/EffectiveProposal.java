package io.configservice.configuration.effective;

import java.util.List;

/**
 * What storing a proposed own document would make of a service's effective configurations, worked
 * out under the service's lock by {@link EffectiveMaterializer#propose}: it is validated, held for
 * approval or stored ({@link EffectiveMaterializer#store}) without resolving anything again.
 *
 * @param locked the service's state the proposal was made against
 * @param environment the environment of the proposed document
 * @param resolver the service's effective configurations with the proposed document in place
 * @param environments the written environment first, then each descendant whose effective content
 *     would change
 */
public record EffectiveProposal(
        LockedService locked,
        String environment,
        EffectiveResolver resolver,
        List<ProposedEffective> environments) {}
