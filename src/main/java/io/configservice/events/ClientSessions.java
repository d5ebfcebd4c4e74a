package io.configservice.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Ends a client's STOMP session from the server side: from that instant the session receives no
 * further message ({@link UnsignedFrameFilter} asks {@link #ending}), and a moment later ({@value
 * #GRACE_MILLIS} ms) it gets an ERROR frame that says why, after which Spring closes the WebSocket.
 * The moment lets frames already on their way finish: Spring closes right after handing over the
 * ERROR, and an ERROR handed over while another frame is still being written is dropped, leaving
 * the client with a close and no reason. Channel and scheduler are looked up on use: both come from
 * the broker configuration, whose outbound channel's own interceptors end sessions too. {@link
 * #endAll} does the same on the calling thread, for a replica that is stopping: the broker's
 * scheduler takes no new task once the application context closes.
 */
@Component
class ClientSessions {

    private static final long GRACE_MILLIS = 250;

    private final ObjectProvider<MessageChannel> clientOutbound;
    private final ObjectProvider<TaskScheduler> scheduler;

    /**
     * Sessions being ended; entries expire on their own, since a session may be gone before its
     * ERROR is sent.
     */
    private final Cache<String, Boolean> ending =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build();

    ClientSessions(
            @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutbound,
            @Qualifier("messageBrokerTaskScheduler") ObjectProvider<TaskScheduler> scheduler) {
        this.clientOutbound = clientOutbound;
        this.scheduler = scheduler;
    }

    void end(String sessionId, String reason) {
        ending.put(sessionId, Boolean.TRUE);
        scheduler
                .getObject()
                .schedule(
                        () -> sendError(sessionId, reason, Map.of()),
                        Instant.now().plusMillis(GRACE_MILLIS));
    }

    /**
     * Ends these sessions with an ERROR frame carrying {@code message} and the extra headers,
     * waiting the same moment on the calling thread.
     */
    void endAll(Collection<String> sessionIds, String message, Map<String, String> headers)
            throws InterruptedException {
        sessionIds.forEach(sessionId -> ending.put(sessionId, Boolean.TRUE));
        Thread.sleep(GRACE_MILLIS);
        sessionIds.forEach(sessionId -> sendError(sessionId, message, headers));
    }

    /**
     * Refuses a session's CONNECT at once: nothing else is on its way to a session that never
     * connected.
     */
    void refuse(String sessionId, String message, Map<String, String> headers) {
        ending.put(sessionId, Boolean.TRUE);
        sendError(sessionId, message, headers);
    }

    private void sendError(String sessionId, String message, Map<String, String> headers) {
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setSessionId(sessionId);
        error.setMessage(message);
        headers.forEach(error::setNativeHeader);
        clientOutbound
                .getObject()
                .send(MessageBuilder.createMessage(new byte[0], error.getMessageHeaders()));
    }

    /** Whether the session is being ended, so no further message may reach it. */
    boolean ending(String sessionId) {
        return ending.getIfPresent(sessionId) != null;
    }
}
