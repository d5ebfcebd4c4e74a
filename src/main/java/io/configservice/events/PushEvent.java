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

    /**
     * What the event is about, when a newer event with the same destination, type and subject makes
     * this one obsolete for a client that missed it: its data describes the subject's whole new
     * state, or the client catches up on its own (e.g. from a gap in {@code revision}). A session
     * then only waits for the newest such event's acknowledgment and is redelivered only that one
     * ({@link AcknowledgmentTracker}). {@code null} when each event matters on its own.
     */
    @Nullable String subject();

    /** The message's {@code data}; serialized as JSON, so it never holds a secret value. */
    Object data();

    /**
     * When the change happened; {@code null} when the moment the outbox writes the event is meant.
     */
    @Nullable Instant occurredAt();
}
