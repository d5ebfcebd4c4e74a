package io.configservice.environment;

import java.util.Optional;

/**
 * The port through which an environment update that changes {@code configurationOverrides} asks
 * whether it must wait for approval; the approval feature implements it, so this package never
 * depends on that one.
 */
public interface OverrideApprovalGate {

    /**
     * Called inside the update's transaction after the request was validated and before anything is
     * stored. When the environment requires approval, the implementation stores a change request in
     * that transaction and returns it; the update then stores nothing else.
     *
     * @return the pending request, or empty when the update may be applied now
     */
    Optional<PendingEnvironmentChange> hold(ProposedEnvironmentChange change);
}
