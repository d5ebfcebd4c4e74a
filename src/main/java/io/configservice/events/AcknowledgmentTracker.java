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
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Remembers every message that needs an acknowledgment per session as it leaves for the client,
 * forgets it when the client sends {@code /app/ack}, and redelivers it to that session when no ack
 * came within {@code configservice.push.ack-timeout}, up to {@code
 * configservice.push.max-redeliveries} times. Only frames {@link FrameSignatures} recognises as
 * published by the {@link OutboxRelay} are tracked, whatever headers a frame carries. A session
 * with {@code configservice.push.max-unacknowledged-per-session} messages waiting is ended with an
 * ERROR frame rather than remembered without bound. Sessions are tracked from CONNECT to their end
 * only, so a message that races a disconnect leaves nothing behind.
 */
@Component
class AcknowledgmentTracker implements ChannelInterceptor {

    private final ObjectProvider<MessageChannel> clientOutbound;
    private final FrameSignatures signatures;
    private final ClientSessions sessions;
    private final Clock clock;
    private final Duration timeout;
    private final int maxRedeliveries;
    private final int maxPending;
    private final Counter timeouts;
    private final Counter redeliveries;
    private final Counter overflows;
    private final Map<String, Map<String, Pending>> pendingBySession = new ConcurrentHashMap<>();

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
        this.overflows = meters.counter("configservice.push.unacknowledged.overflows");
    }

    @EventListener
    void connected(SessionConnectEvent event) {
        String sessionId = StompHeaderAccessor.wrap(event.getMessage()).getSessionId();
        if (sessionId != null) {
            pendingBySession.putIfAbsent(sessionId, new ConcurrentHashMap<>());
        }
    }

    @Override
    public void afterSendCompletion(
            Message<?> message, MessageChannel channel, boolean sent, @Nullable Exception ex) {
        SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
        if (!sent
                || accessor.getMessageType() != SimpMessageType.MESSAGE
                || !"true".equals(accessor.getFirstNativeHeader(OutboxRelay.ACK_REQUIRED_HEADER))) {
            return;
        }
        String sessionId = accessor.getSessionId();
        String eventId = accessor.getFirstNativeHeader(OutboxRelay.EVENT_ID_HEADER);
        Map<String, Pending> pending = sessionId == null ? null : pendingBySession.get(sessionId);
        if (pending == null || eventId == null || !signatures.verify(message)) {
            return;
        }
        if (pending.size() >= maxPending && !pending.containsKey(eventId)) {
            overflow(sessionId);
            return;
        }
        Instant now = clock.instant();
        pending.merge(
                eventId,
                new Pending(message, now, 0),
                (existing, fresh) -> new Pending(existing.message(), now, existing.redeliveries()));
    }

    void acknowledge(String sessionId, String eventId) {
        Map<String, Pending> pending = pendingBySession.get(sessionId);
        if (pending != null) {
            pending.remove(eventId);
        }
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        pendingBySession.remove(event.getSessionId());
    }

    /** Messages waiting for their acknowledgment, over all sessions. */
    int pendingMessages() {
        return pendingBySession.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Redelivers what has waited too long for its ack; gives up after the configured number of
     * redeliveries.
     */
    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.push-io.configservice.events.PushProperties'"
                            + ".ackCheckInterval().toMillis()}")
    void redeliverOverdue() {
        Instant overdue = clock.instant().minus(timeout);
        pendingBySession.forEach(
                (sessionId, pending) ->
                        pending.forEach(
                                (eventId, entry) -> {
                                    if (entry.sentAt().isAfter(overdue)) {
                                        return;
                                    }
                                    timeouts.increment();
                                    if (entry.redeliveries() >= maxRedeliveries) {
                                        pending.remove(eventId);
                                        return;
                                    }
                                    pending.put(
                                            eventId,
                                            new Pending(
                                                    entry.message(),
                                                    clock.instant(),
                                                    entry.redeliveries() + 1));
                                    redeliveries.increment();
                                    clientOutbound.getObject().send(entry.message());
                                }));
    }

    private void overflow(String sessionId) {
        if (pendingBySession.remove(sessionId) == null) {
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

    private record Pending(Message<?> message, Instant sentAt, int redeliveries) {}
}
