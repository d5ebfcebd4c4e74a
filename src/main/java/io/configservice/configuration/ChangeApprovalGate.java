package io.configservice.configuration;

import java.util.Optional;

/**
 * The port through which a configuration write asks whether it must wait for approval; the approval
 * feature implements it, so this package never depends on that one.
 */
public interface ChangeApprovalGate {

    /**
     * Called inside the write's transaction, after the change was computed and validated and before
     * anything is stored. When the environment requires approval, the implementation stores a
     * change request in that transaction and returns it; the write then stores nothing else.
     *
     * @return the pending request, or empty when the change may be applied now
     */
    Optional<PendingChange> hold(ProposedChange change);
}
