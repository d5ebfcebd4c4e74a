package io.configservice.environment;

/**
 * The result of an environment update: applied, or held as a change request because its overrides
 * need approval.
 */
public sealed interface EnvironmentUpdate {

    /** The update was stored. */
    record Applied(EnvironmentResponse environment) implements EnvironmentUpdate {}

    /**
     * The environment requires approval for override changes: nothing but the change request was
     * stored.
     */
    record Held(PendingEnvironmentChange request) implements EnvironmentUpdate {}
}
