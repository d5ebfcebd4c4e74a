package io.configservice.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Remembers every message that needs an acknowledgment per session as it leaves for the client, forgets it when the
 * client sends {@code /app/ack}, and redelivers it to that session when no ack came within
 * {@code configservice.push.ack-timeout}, up to {@code configservice.push.max-redeliveries} times.
 */
@Component
class AcknowledgmentTracker implements ChannelInterceptor {

    private static final int MAX_PENDING_PER_SESSION = 10_000;

    private final ObjectProvider<MessageChannel> clientOutbound;
    private final Clock clock;
    private final Duration timeout;
    private final int maxRedeliveries;
    private final Counter timeouts;
    private final Counter redeliveries;
    private final Map<String, Map<String, Pending>> pendingBySession = new ConcurrentHashMap<>();

    AcknowledgmentTracker(@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
            Clock clock, MeterRegistry meters, @Value("${configservice.push.ack-timeout:30s}") Duration timeout,
            @Value("${configservice.push.max-redeliveries:3}") int maxRedeliveries) {
        this.clientOutbound = clientOutbound;
        this.clock = clock;
        this.timeout = timeout;
        this.maxRedeliveries = maxRedeliveries;
        this.timeouts = meters.counter("configservice.push.ack.timeouts");
        this.redeliveries = meters.counter("configservice.push.redeliveries");
    }

    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
        SimpMessageHeaderAccessor accessor = SimpMessageHeaderAccessor.wrap(message);
        if (!sent || accessor.getMessageType() != SimpMessageType.MESSAGE
                || !"true".equals(accessor.getFirstNativeHeader(OutboxRelay.ACK_REQUIRED_HEADER))) {
            return;
        }
        String sessionId = accessor.getSessionId();
        String eventId = accessor.getFirstNativeHeader(OutboxRelay.EVENT_ID_HEADER);
        if (sessionId == null || eventId == null) {
            return;
        }
        Map<String, Pending> pending = pendingBySession.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>());
        if (pending.size() < MAX_PENDING_PER_SESSION) {
            Instant now = clock.instant();
            pending.merge(eventId, new Pending(message, now, 0),
                    (existing, fresh) -> new Pending(existing.message(), now, existing.redeliveries()));
        }
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

    /** Redelivers what has waited too long for its ack; gives up after the configured number of redeliveries. */
    @Scheduled(fixedDelayString = "${configservice.push.ack-check-interval:1s}")
    void redeliverOverdue() {
        Instant overdue = clock.instant().minus(timeout);
        pendingBySession.forEach((sessionId, pending) -> pending.forEach((eventId, entry) -> {
            if (entry.sentAt().isAfter(overdue)) {
                return;
            }
            timeouts.increment();
            if (entry.redeliveries() >= maxRedeliveries) {
                pending.remove(eventId);
                return;
            }
            pending.put(eventId, new Pending(entry.message(), clock.instant(), entry.redeliveries() + 1));
            redeliveries.increment();
            clientOutbound.getObject().send(entry.message());
        }));
    }

    private record Pending(Message<?> message, Instant sentAt, int redeliveries) {
    }
}
