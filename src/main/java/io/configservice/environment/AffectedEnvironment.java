package io.configservice.environment;

import org.jspecify.annotations.Nullable;

/**
 * An environment whose effective configuration a proposed change alters.
 *
 * @param revision for a change of one service's configuration, the environment's effective revision
 *     when the change was proposed (0 when it had none): a held change is applied only while every
 *     affected environment is still at its revision. {@code null} for an environment change, which
 *     alters the effective configuration of every service there and is bound to the environment's
 *     own state instead
 */
public record AffectedEnvironment(String environment, @Nullable Long revision) {}
