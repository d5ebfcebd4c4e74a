package io.configservice.events;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Hands this replica's STOMP clients over to the other replicas when it stops. Spring Boot has
 * already turned readiness to {@code REFUSING_TRAFFIC} when the context began to close; this
 * lifecycle stops next, before the web server drains its HTTP requests: from then on a CONNECT is
 * refused, and every connected session receives an ERROR frame with {@code message:}{@value
 * #SHUTTING_DOWN} and {@code retry-after:} (seconds, the window in which to reconnect) and is
 * closed. It waits up to {@code configservice.push.shutdown-timeout} for the sessions to close,
 * telling any that connected meanwhile, so the clients resume on another replica ({@code
 * changes?sinceRevision}) instead of meeting a bare close when the web server stops.
 */
@Component
class PushDrain implements SmartLifecycle, ChannelInterceptor {

    private static final String SHUTTING_DOWN = "server-shutting-down";
    private static final String RETRY_AFTER = "retry-after";
    private static final Logger log = LoggerFactory.getLogger(PushDrain.class);
    private static final long POLL_MILLIS = 50;

    private final ClientSessions sessions;
    private final ObjectProvider<SimpUserRegistry> users;
    private final Map<String, String> noticeHeaders;
    private final Duration timeout;
    private volatile boolean running;
    private volatile boolean refusing;

    PushDrain(
            ClientSessions sessions,
            ObjectProvider<SimpUserRegistry> users,
            PushProperties properties) {
        this.sessions = sessions;
        this.users = users;
        this.noticeHeaders =
                Map.of(RETRY_AFTER, Long.toString(properties.shutdownRetryAfter().toSeconds()));
        this.timeout = properties.shutdownTimeout();
    }

    @Override
    public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (!refusing) {
            return message;
        }
        StompHeaderAccessor accessor =
                MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        StompCommand command = accessor == null ? null : accessor.getCommand();
        String sessionId = accessor == null ? null : accessor.getSessionId();
        if ((command == StompCommand.CONNECT || command == StompCommand.STOMP)
                && sessionId != null) {
            sessions.refuse(sessionId, SHUTTING_DOWN, noticeHeaders);
            return null;
        }
        return message;
    }

    @Override
    public void start() {
        refusing = false;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        refusing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> told = new HashSet<>();
        List<String> open = openSessions();
        try {
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                List<String> untold =
                        open.stream().filter(sessionId -> !told.contains(sessionId)).toList();
                if (untold.isEmpty()) {
                    Thread.sleep(POLL_MILLIS);
                } else {
                    sessions.endAll(untold, SHUTTING_DOWN, noticeHeaders);
                    told.addAll(untold);
                }
                open = openSessions();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!told.isEmpty()) {
            log.info(
                    "Shutting down: told {} STOMP sessions to reconnect elsewhere, {} still open",
                    told.size(),
                    open.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Right after readiness turns false and before the web server's graceful shutdown, which is
     * Boot's next phase.
     */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }

    private List<String> openSessions() {
        return users.getObject().getUsers().stream()
                .flatMap(user -> user.getSessions().stream())
                .map(SimpSession::getId)
                .toList();
    }
}
