package io.configservice.events;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and timing of the STOMP push channel.
 *
 * @param ackTimeout how long a message waits for its acknowledgment ({@code /app/ack}) before it is
 *     redelivered, counted from its hand-off to the WebSocket session, not from its queueing; keep
 *     it above the WebSocket send-time limit (10 s), since a handed-off frame may still wait that
 *     long behind another being written
 * @param maxRedeliveries how often an unacknowledged message is redelivered before it is given up;
 *     a session with frames still queued for it is redelivered nothing, and of the events on one
 *     subject (one effective configuration, one credential) only the newest is redelivered
 * @param maxSessionsPerCaller STOMP sessions one caller (one service token, the admin token, one
 *     JWT subject) may hold open on one replica; a CONNECT beyond it is refused with an ERROR frame
 * @param maxUnacknowledgedPerSession messages one session may leave unacknowledged; one more ends
 *     the session with an ERROR frame, so a client that never acknowledges cannot grow the heap
 * @param maxQueuedPerSession MESSAGE frames the outbound channel may hold for one session (queued
 *     or being handed to its WebSocket); one more ends the session with an ERROR frame, so a
 *     session the server cannot keep up with cannot grow the heap. Frames about one subject are
 *     coalesced to the newest before they count (see {@code FrameCoalescer}), so it bounds the
 *     subjects and {@code environment_updated} events a session has pending; at most twice sessions
 *     times this many messages are held (each counted one with at most one newer waiting behind it)
 * @param shutdownRetryAfter sent as {@code retry-after} (whole seconds) in the ERROR frame that
 *     tells clients this replica is shutting down: the window in which each client picks a random
 *     moment to reconnect, so the clients of one replica do not all reach the others at once
 * @param shutdownTimeout how long a stopping replica waits for the sessions it told to close before
 *     its shutdown goes on (in-flight HTTP requests drain next)
 * @param pollInterval how often the outbox is read when no commit woke the relay
 * @param relayCoalesceAfter how long the oldest event on one subject (one effective configuration,
 *     one credential key) may wait in the outbox before the relay counts itself behind on it and,
 *     of the events on that subject in the batch it claims, publishes only the newest: a relay that
 *     keeps up publishes every event, one that is behind spares every subscriber the revisions it
 *     would skip anyway
 * @param keepPublished how long published outbox rows are kept
 * @param cleanupInterval how often published outbox rows older than {@code keepPublished} are
 *     deleted
 * @param ackCheckInterval how often unacknowledged messages past {@code ackTimeout} are looked for
 * @param sessionCheckInterval how often the sessions are checked for revoked or expired credentials
 */
@Validated
@ConfigurationProperties("configservice.push")
public record PushProperties(
        @DefaultValue("30s") Duration ackTimeout,
        @DefaultValue("3") @Min(0) int maxRedeliveries,
        @DefaultValue("100") @Min(1) int maxSessionsPerCaller,
        @DefaultValue("1000") @Min(1) int maxUnacknowledgedPerSession,
        @DefaultValue("1000") @Min(1) int maxQueuedPerSession,
        @DefaultValue("2s") @DurationMin(nanos = 0) @DurationMax(minutes = 5)
                Duration shutdownRetryAfter,
        @DefaultValue("5s") @DurationMin(nanos = 0) @DurationMax(seconds = 30)
                Duration shutdownTimeout,
        @DefaultValue("1s") @DurationMin(millis = 1) Duration pollInterval,
        @DefaultValue("200ms") @DurationMin(nanos = 0) Duration relayCoalesceAfter,
        @DefaultValue("1h") @DurationMin(nanos = 0) Duration keepPublished,
        @DefaultValue("10m") @DurationMin(millis = 1) Duration cleanupInterval,
        @DefaultValue("1s") @DurationMin(millis = 1) Duration ackCheckInterval,
        @DefaultValue("1s") @DurationMin(millis = 1) Duration sessionCheckInterval) {}
