package io.configservice.configuration;

/**
 * The result of a configuration write: either applied as a version, or held as a change request for
 * approval.
 */
public sealed interface WriteOutcome {

    /** The write was applied (or changed nothing). */
    record Applied(WriteResult result) implements WriteOutcome {}

    /** The environment requires approval: nothing but the change request was stored. */
    record Held(PendingChange request) implements WriteOutcome {}
}
