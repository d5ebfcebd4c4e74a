package io.configservice.client;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The client's state for health indicators and metrics.
 *
 * @param fromSnapshot whether the configuration in force came from the snapshot and was not yet
 *     confirmed by the service
 * @param pushConnected whether the STOMP session is up
 * @param lastAppliedAt when the configuration in force was applied ({@code null} before the first)
 * @param eventsReceived configuration and credential events received over push, duplicates included
 * @param fallbacks starts from the snapshot because the service was unreachable
 * @param listenerFailures listener calls that threw
 * @param lastError the last failure talking to the service, {@code null} after a success
 */
public record ClientHealth(
        ClientStatus status,
        long appliedRevision,
        boolean fromSnapshot,
        boolean pushConnected,
        @Nullable Instant lastAppliedAt,
        long eventsReceived,
        long fallbacks,
        long listenerFailures,
        @Nullable String lastError) {}
