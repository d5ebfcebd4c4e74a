package io.configservice.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.AbstractSubProtocolEvent;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;
import org.springframework.web.socket.messaging.SessionUnsubscribeEvent;

/**
 * Counts live STOMP sessions and their subscriptions ({@code configservice.push.sessions} / {@code
 * .subscriptions}).
 */
@Component
class SessionMetrics {

    private final Map<String, Set<String>> subscriptionsBySession = new ConcurrentHashMap<>();

    SessionMetrics(MeterRegistry meters) {
        Gauge.builder("configservice.push.sessions", subscriptionsBySession, Map::size)
                .register(meters);
        Gauge.builder(
                        "configservice.push.subscriptions",
                        subscriptionsBySession,
                        sessions -> sessions.values().stream().mapToInt(Set::size).sum())
                .register(meters);
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        Frame frame = Frame.of(event);
        if (frame.sessionId() != null) {
            subscriptionsBySession.putIfAbsent(frame.sessionId(), ConcurrentHashMap.newKeySet());
        }
    }

    @EventListener
    void subscribed(SessionSubscribeEvent event) {
        Frame frame = Frame.of(event);
        if (frame.sessionId() != null && frame.subscriptionId() != null) {
            subscriptionsBySession
                    .computeIfAbsent(frame.sessionId(), id -> ConcurrentHashMap.newKeySet())
                    .add(frame.subscriptionId());
        }
    }

    @EventListener
    void unsubscribed(SessionUnsubscribeEvent event) {
        Frame frame = Frame.of(event);
        Set<String> subscriptions =
                frame.sessionId() == null ? null : subscriptionsBySession.get(frame.sessionId());
        if (subscriptions != null && frame.subscriptionId() != null) {
            subscriptions.remove(frame.subscriptionId());
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        subscriptionsBySession.remove(event.getSessionId());
    }

    private record Frame(@Nullable String sessionId, @Nullable String subscriptionId) {

        static Frame of(AbstractSubProtocolEvent event) {
            StompHeaderAccessor accessor = StompHeaderAccessor.wrap(event.getMessage());
            return new Frame(accessor.getSessionId(), accessor.getSubscriptionId());
        }
    }
}
