package io.configservice.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Remembers per session the messages that need an acknowledgment, forgets each when the client
 * sends {@code /app/ack}, and redelivers it to that session when no ack came within {@code
 * configservice.push.ack-timeout}, up to {@code configservice.push.max-redeliveries} times. Only
 * frames {@link FrameSignatures} recognises as published by the {@link OutboxRelay} are tracked,
 * whatever headers a frame carries. A session with {@code
 * configservice.push.max-unacknowledged-per-session} messages waiting is ended with an ERROR frame
 * rather than remembered without bound. Sessions are tracked from CONNECT to their end only, so a
 * message that races a disconnect leaves nothing behind.
 *
 * <p>Under load a frame can wait in the outbound channel's queue for longer than the ack timeout;
 * counting from its enqueueing then redelivered frames the client had not even been sent yet, and
 * the redeliveries lengthened the queue further. So the ack clock of a frame starts when the
 * channel's handler has handed it to the WebSocket session ({@link #afterMessageHandled}, which
 * {@code ExecutorSubscribableChannel} calls on its executor thread after the handler; {@link
 * #afterSendCompletion} only means it was queued), and a session with frames still queued is
 * redelivered nothing. That relies on the channel handing its handler the very message this
 * interceptor saw in {@link #preSend}, which holds while it is the channel's last interceptor and
 * the {@link FrameCoalescer} before it, which has a queued task hand off a newer frame of the same
 * subject instead, tells it of the swap ({@link #replacedInQueue}). The WebSocket session may
 * buffer a handed-off frame while an earlier one is being written; Spring ends a session whose
 * write takes longer than its send-time limit (10 s), which is why the ack timeout should stay
 * above it. A session that truly stalls is ended that way.
 *
 * <p>Of the events on one {@link EventSubject} (a {@link PushEvent#subject() subject} the relay
 * signed), a session waits only for the newest: handing off a newer one forgets the older ({@code
 * configservice.push.superseded}), and an older one handed off after a newer is not tracked, so a
 * redelivery round sends at most one frame per subject and session. A client that missed the older
 * one catches up from the newer (see {@link PushEvent#subject()}).
 */
@Component
class AcknowledgmentTracker implements ExecutorChannelInterceptor {

    private final ObjectProvider<MessageChannel> clientOutbound;
    private final FrameSignatures signatures;
    private final ClientSessions sessions;
    private final Clock clock;
    private final Duration timeout;
    private final int maxRedeliveries;
    private final int maxPending;
    private final Counter timeouts;
    private final Counter redeliveries;
    private final Counter superseded;
    private final Counter overflows;
    private final Map<String, SessionAcknowledgments> bySession = new ConcurrentHashMap<>();

    AcknowledgmentTracker(
            @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
            FrameSignatures signatures,
            ClientSessions sessions,
            Clock clock,
            MeterRegistry meters,
            PushProperties properties) {
        this.clientOutbound = clientOutbound;
        this.signatures = signatures;
        this.sessions = sessions;
        this.clock = clock;
        this.timeout = properties.ackTimeout();
        this.maxRedeliveries = properties.maxRedeliveries();
        this.maxPending = properties.maxUnacknowledgedPerSession();
        this.timeouts = meters.counter("configservice.push.ack.timeouts");
        this.redeliveries = meters.counter("configservice.push.redeliveries");
        this.superseded =
                Counter.builder("configservice.push.superseded")
                        .description(
                                "Unacknowledged events a session no longer waits for because a newer"
                                        + " event on the same subject reached it")
                        .register(meters);
        this.overflows = meters.counter("configservice.push.unacknowledged.overflows");
    }

    @EventListener
    void connected(SessionConnectEvent event) {
        String sessionId = StompHeaderAccessor.wrap(event.getMessage()).getSessionId();
        if (sessionId != null) {
            bySession.putIfAbsent(sessionId, new SessionAcknowledgments(maxPending));
        }
    }

    /**
     * Counts the frame as queued for its session and recognises here, on the sending thread,
     * whether it needs an acknowledgment: {@link UnsignedFrameFilter} verified the same frame just
     * before, so {@link FrameSignatures} answers from its cache instead of computing the HMAC again
     * on the channel's executor thread.
     */
    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        SessionAcknowledgments session = sessionOf(message);
        if (session != null) {
            session.queued(message, ackRequired(message));
        }
        return message;
    }

    /** A frame that did not reach the queue will not be handed off either. */
    @Override
    public void afterSendCompletion(
            Message<?> message, MessageChannel channel, boolean sent, @Nullable Exception ex) {
        SessionAcknowledgments session = sessionOf(message);
        if (session != null && (!sent || ex != null)) {
            session.notQueued(message);
        }
    }

    @Override
    public void afterMessageHandled(
            Message<?> message,
            MessageChannel channel,
            MessageHandler handler,
            @Nullable Exception ex) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        SessionAcknowledgments session = sessionId == null ? null : bySession.get(sessionId);
        if (session == null) {
            return;
        }
        switch (session.handedOff(message, clock.instant())) {
            case SUPERSEDED_OLDER, ALREADY_SUPERSEDED -> superseded.increment();
            case OVERFLOW -> overflow(sessionId);
            case TRACKED, NOT_REQUIRED -> {}
        }
    }

    /**
     * The {@link FrameCoalescer} is having the channel's task for the queued {@code stale} hand off
     * {@code newer} instead, a frame on the same subject that arrived while {@code stale} was
     * queued and was never queued itself: the tracker must recognise {@code newer} at its hand-off,
     * and count {@code stale} as queued no longer.
     */
    void replacedInQueue(Message<?> stale, Message<?> newer) {
        SessionAcknowledgments session = sessionOf(stale);
        if (session != null) {
            session.replacedInQueue(stale, newer, ackRequired(newer));
        }
    }

    void acknowledge(String sessionId, String eventId) {
        SessionAcknowledgments session = bySession.get(sessionId);
        if (session != null) {
            session.acknowledge(eventId);
        }
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        bySession.remove(event.getSessionId());
    }

    /** Messages waiting for their acknowledgment, over all sessions. */
    int pendingMessages() {
        return bySession.values().stream().mapToInt(SessionAcknowledgments::pending).sum();
    }

    /**
     * Redelivers what has waited too long for its ack since it was handed off, to each session that
     * has no frame queued; gives up after the configured number of redeliveries.
     */
    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.push-io.configservice.events.PushProperties'"
                            + ".ackCheckInterval().toMillis()}")
    void redeliverOverdue() {
        Instant now = clock.instant();
        Instant overdue = now.minus(timeout);
        bySession
                .values()
                .forEach(
                        session -> {
                            SessionAcknowledgments.Overdue found =
                                    session.overdue(overdue, now, maxRedeliveries);
                            timeouts.increment(found.timedOut());
                            for (Message<?> message : found.redeliver()) {
                                redeliveries.increment();
                                clientOutbound.getObject().send(message);
                            }
                        });
    }

    private SessionAcknowledgments.@Nullable AckRequired ackRequired(Message<?> message) {
        MessageHeaders headers = message.getHeaders();
        String eventId =
                NativeMessageHeaderAccessor.getFirstNativeHeader(
                        OutboxRelay.EVENT_ID_HEADER, headers);
        if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE
                || !"true"
                        .equals(
                                NativeMessageHeaderAccessor.getFirstNativeHeader(
                                        OutboxRelay.ACK_REQUIRED_HEADER, headers))
                || eventId == null
                || !signatures.verify(message)) {
            return null;
        }
        return new SessionAcknowledgments.AckRequired(eventId, signatures.subject(message));
    }

    private @Nullable SessionAcknowledgments sessionOf(Message<?> message) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        return sessionId == null ? null : bySession.get(sessionId);
    }

    private void overflow(String sessionId) {
        if (bySession.remove(sessionId) == null) {
            return;
        }
        overflows.increment();
        sessions.end(
                sessionId,
                "Session closed: "
                        + maxPending
                        + " messages wait for their acknowledgment "
                        + "(configservice.push.max-unacknowledged-per-session); acknowledge each with SEND "
                        + ClientFrameGuard.ACK);
    }
}
