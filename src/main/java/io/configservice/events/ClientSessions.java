package io.configservice.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Ends a client's STOMP session from the server side: from that instant the session receives no further message
 * ({@link UnsignedFrameFilter} asks {@link #ending}), and a moment later ({@value #GRACE_MILLIS} ms) it gets an ERROR
 * frame that says why, after which Spring closes the WebSocket. The moment lets frames already on their way finish:
 * Spring closes right after handing over the ERROR, and an ERROR handed over while another frame is still being
 * written is dropped, leaving the client with a close and no reason. Channel and scheduler are looked up on use:
 * both come from the broker configuration, whose outbound channel's own interceptors end sessions too.
 */
@Component
class ClientSessions {

    private static final long GRACE_MILLIS = 250;

    private final ObjectProvider<MessageChannel> clientOutbound;
    private final ObjectProvider<TaskScheduler> scheduler;
    /** Sessions being ended; entries expire on their own, since a session may be gone before its ERROR is sent. */
    private final Cache<String, Boolean> ending = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
            .build();

    ClientSessions(@Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
            @Qualifier("messageBrokerTaskScheduler") ObjectProvider<TaskScheduler> scheduler) {
        this.clientOutbound = clientOutbound;
        this.scheduler = scheduler;
    }

    void end(String sessionId, String reason) {
        ending.put(sessionId, Boolean.TRUE);
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setSessionId(sessionId);
        error.setMessage(reason);
        scheduler.getObject().schedule(() -> clientOutbound.getObject().send(
                MessageBuilder.createMessage(new byte[0], error.getMessageHeaders())),
                Instant.now().plusMillis(GRACE_MILLIS));
    }

    /** Whether the session is being ended, so no further message may reach it. */
    boolean ending(String sessionId) {
        return ending.getIfPresent(sessionId) != null;
    }
}
