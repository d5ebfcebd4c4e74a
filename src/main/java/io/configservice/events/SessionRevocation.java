package io.configservice.events;

import io.configservice.security.Caller;
import io.configservice.security.ServiceTokenService;
import io.configservice.security.StompAuthenticationInterceptor;
import io.configservice.security.TokenRevoked;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Ends live STOMP sessions whose credential stopped being valid: at once when their token is
 * revoked (on any replica, see {@link TokenRevoked}), and within {@code
 * configservice.push.session-check-interval} when their token or JWT expires. The session gets an
 * ERROR frame and is closed, so it receives no further message.
 */
@Component
class SessionRevocation {

    private final Map<String, Caller> callersBySession = new ConcurrentHashMap<>();
    private final ClientSessions sessions;
    private final ServiceTokenService tokens;

    SessionRevocation(ClientSessions sessions, ServiceTokenService tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @EventListener
    void connecting(SessionConnectEvent event) {
        Caller caller = StompAuthenticationInterceptor.callerOf(event.getUser());
        String sessionId = StompHeaderAccessor.wrap(event.getMessage()).getSessionId();
        if (caller != null && sessionId != null) {
            callersBySession.put(sessionId, caller);
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        callersBySession.remove(event.getSessionId());
    }

    @EventListener
    void revoked(TokenRevoked revoked) {
        callersBySession.forEach(
                (sessionId, caller) -> {
                    if (revoked.tokenId().equals(caller.tokenId())) {
                        end(sessionId, "The token of this session was revoked");
                    }
                });
    }

    @Scheduled(
            fixedDelayString =
                    "#{@'configservice.push-io.configservice.events.PushProperties'"
                            + ".sessionCheckInterval().toMillis()}")
    void endExpired() {
        callersBySession.forEach(
                (sessionId, caller) -> {
                    if (!tokens.stillValid(caller)) {
                        end(sessionId, "The credential of this session expired");
                    }
                });
    }

    private void end(String sessionId, String reason) {
        if (callersBySession.remove(sessionId) != null) {
            sessions.end(sessionId, reason);
        }
    }
}
