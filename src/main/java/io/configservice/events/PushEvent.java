package io.configservice.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A domain event the outbox stores in the transaction that raised it and the relay then pushes to
 * STOMP subscribers; each feature's event says where it goes and what it carries, so the outbox
 * knows no feature's types.
 */
public interface PushEvent {

    /** The STOMP destination (see {@link Destinations}). */
    String destination();

    /** The message's {@code type}, e.g. {@code configuration_changed}. */
    String type();

    /** The message's {@code data}; serialized as JSON, so it never holds a secret value. */
    Object data();

    /**
     * When the change happened; {@code null} when the moment the outbox writes the event is meant.
     */
    @Nullable Instant occurredAt();
}
