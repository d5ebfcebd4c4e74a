package io.configservice.events;

import io.configservice.security.Caller;
import io.configservice.security.StompAuthenticationInterceptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Caps the STOMP sessions one caller holds open on this replica ({@code
 * configservice.push.max-sessions-per-caller}): a service token, the admin token and a JWT subject
 * are one caller each, however many sessions they open. A CONNECT beyond the cap ends in an ERROR
 * frame and a closed session. A session gives its place back when it ends, or at once when its
 * CONNECT fails further on; a count that reaches zero is removed, so nothing stays behind.
 */
@Component
class SessionLimits implements ChannelInterceptor {

    private final int maxPerCaller;
    private final Map<String, Integer> openByCaller = new ConcurrentHashMap<>();
    private final Map<String, String> callerBySession = new ConcurrentHashMap<>();

    SessionLimits(PushProperties properties) {
        this.maxPerCaller = properties.maxSessionsPerCaller();
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = connect(message);
        Caller caller =
                accessor == null
                        ? null
                        : StompAuthenticationInterceptor.callerOf(accessor.getUser());
        String sessionId = accessor == null ? null : accessor.getSessionId();
        if (caller != null && sessionId != null && !admit(sessionId, key(caller))) {
            throw new MessageDeliveryException(
                    "CONNECT refused: this caller already has "
                            + maxPerCaller
                            + " open STOMP sessions on this replica (configservice.push.max-sessions-per-caller)");
        }
        return message;
    }

    @Override
    public void afterSendCompletion(
            Message<?> message, MessageChannel channel, boolean sent, @Nullable Exception ex) {
        StompHeaderAccessor accessor = connect(message);
        if (accessor != null && accessor.getSessionId() != null && (!sent || ex != null)) {
            release(accessor.getSessionId());
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        release(event.getSessionId());
    }

    /**
     * Sessions the caller with this key holds open; 0 when none (then the key is not stored at
     * all).
     */
    int openSessions(String callerKey) {
        return openByCaller.getOrDefault(callerKey, 0);
    }

    /** One key per caller: the token id for service and admin tokens, the subject for a JWT. */
    static String key(Caller caller) {
        return caller.tokenId() != null ? "token:" + caller.tokenId() : "jwt:" + caller.actor();
    }

    private boolean admit(String sessionId, String callerKey) {
        boolean[] admitted = {false};
        openByCaller.compute(
                callerKey,
                (key, open) -> {
                    int count = open == null ? 0 : open;
                    if (count >= maxPerCaller) {
                        return open;
                    }
                    admitted[0] = true;
                    return count + 1;
                });
        if (admitted[0]) {
            callerBySession.put(sessionId, callerKey);
        }
        return admitted[0];
    }

    private void release(String sessionId) {
        String callerKey = callerBySession.remove(sessionId);
        if (callerKey != null) {
            openByCaller.computeIfPresent(callerKey, (key, open) -> open <= 1 ? null : open - 1);
        }
    }

    private static @Nullable StompHeaderAccessor connect(Message<?> message) {
        StompHeaderAccessor accessor =
                MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null) {
            return null;
        }
        StompCommand command = accessor.getCommand();
        return command == StompCommand.CONNECT || command == StompCommand.STOMP ? accessor : null;
    }
}
