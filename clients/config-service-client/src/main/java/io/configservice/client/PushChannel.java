package io.configservice.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The STOMP session to the service: CONNECT with the {@code X-Service-Token} native header,
 * heart-beats 10 s / 10 s, SUBSCRIBE to the configuration and credential topics of the client's
 * service and environment (each with a receipt), and on any loss a reconnect after a jittered
 * exponential backoff. A replica that is shutting down says so ({@link ShutdownNotice}): that is no
 * failure, and the channel reconnects through the same URL (to another replica) at a random moment
 * within the notice's {@code retry-after}, then resumes like after any reconnect. Every message
 * goes to the handler with a way to acknowledge it later on the session it came on ({@code SEND
 * /app/ack {"id": …}}); the handler is told when both subscriptions are confirmed, which is when it
 * resumes from the change feed.
 */
final class PushChannel {

    private static final System.Logger LOG = System.getLogger(PushChannel.class.getName());
    private static final long[] HEARTBEATS = {10_000, 10_000};
    static final String ACK_DESTINATION = "/app/ack";

    /** What the channel reports. */
    interface Handler {

        /**
         * Both subscriptions are confirmed: events from here on arrive; catch up on what came
         * before.
         */
        void subscribed();

        /**
         * A message on one of the topics; {@code acknowledge} sends its ack on the session it came
         * on.
         */
        void message(String destination, JsonNode message, Runnable acknowledge);

        void disconnected(String reason);
    }

    private final ClientSettings settings;
    private final Handler handler;
    private final ScheduledExecutorService reconnects;
    private final Backoff backoff;
    private final WebSocketStompClient stomp;
    private final ThreadPoolTaskScheduler heartbeats;
    private volatile @Nullable StompSession session;
    private volatile boolean running;

    PushChannel(
            ClientSettings settings,
            JsonMapper json,
            Handler handler,
            ScheduledExecutorService reconnects) {
        this.settings = settings;
        this.handler = handler;
        this.reconnects = reconnects;
        this.backoff = new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay());
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(settings.maxMessageBytes());
        container.setDefaultMaxBinaryMessageBufferSize(settings.maxMessageBytes());
        this.stomp = new WebSocketStompClient(new StandardWebSocketClient(container));
        this.stomp.setMessageConverter(new JacksonJsonMessageConverter(json));
        this.stomp.setInboundMessageSizeLimit(settings.maxMessageBytes());
        this.heartbeats = new ThreadPoolTaskScheduler();
        this.heartbeats.setPoolSize(1);
        this.heartbeats.setDaemon(true);
        this.heartbeats.setThreadNamePrefix("config-service-heartbeat-");
        this.heartbeats.initialize();
        this.stomp.setTaskScheduler(heartbeats);
        this.stomp.setDefaultHeartbeat(HEARTBEATS);
    }

    String configurationTopic() {
        return "/topic/config." + settings.serviceId() + "." + settings.environment();
    }

    String credentialTopic() {
        return "/topic/credentials." + settings.serviceId() + "." + settings.environment();
    }

    boolean connected() {
        StompSession current = session;
        return current != null && current.isConnected();
    }

    void start() {
        running = true;
        connect();
    }

    void stop() {
        running = false;
        StompSession current = session;
        if (current != null && current.isConnected()) {
            try {
                current.disconnect();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "disconnect failed: {0}", e.toString());
            }
        }
        stomp.stop();
        heartbeats.shutdown();
    }

    private void connect() {
        if (!running) {
            return;
        }
        StompHeaders connectHeaders = new StompHeaders();
        connectHeaders.add(ServiceApi.TOKEN_HEADER, settings.token());
        SessionHandler attempt = new SessionHandler();
        stomp.connectAsync(
                        settings.webSocketUri().toString(),
                        new WebSocketHttpHeaders(),
                        connectHeaders,
                        attempt)
                .orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(
                        (connected, failure) -> {
                            if (failure != null) {
                                attempt.end("connect failed: " + failure);
                            }
                        });
    }

    private void lost(String reason) {
        session = null;
        if (!running) {
            return;
        }
        handler.disconnected(reason);
        Duration delay = backoff.next();
        LOG.log(
                System.Logger.Level.INFO,
                "Config service push channel down ({0}); reconnecting in {1} ms",
                reason,
                delay.toMillis());
        reconnects.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The replica is going away on purpose: reconnect within the window it gave, without reporting
     * a failure.
     */
    private void moveOn(ShutdownNotice notice) {
        session = null;
        if (!running) {
            return;
        }
        Duration delay = notice.reconnectDelay();
        LOG.log(
                System.Logger.Level.INFO,
                "Config service replica is shutting down; reconnecting in {0} ms, then "
                        + "resuming from the change feed",
                delay.toMillis());
        reconnects.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One connection attempt and the session it opens; it ends once, however many ways its end is
     * reported.
     */
    private final class SessionHandler extends StompSessionHandlerAdapter {

        private final AtomicBoolean ended = new AtomicBoolean();

        void end(String reason) {
            if (ended.compareAndSet(false, true)) {
                lost(reason);
            }
        }

        void endForShutdown(ShutdownNotice notice) {
            if (ended.compareAndSet(false, true)) {
                moveOn(notice);
            }
        }

        @Override
        public void afterConnected(StompSession connected, StompHeaders headers) {
            if (ended.get() || !running) {
                connected.disconnect();
                return;
            }
            session = connected;
            Runnable both =
                    new Countdown(
                            2,
                            () -> {
                                backoff.reset();
                                handler.subscribed();
                            });
            subscribe(connected, configurationTopic(), both);
            subscribe(connected, credentialTopic(), both);
        }

        private void subscribe(StompSession connected, String destination, Runnable confirmed) {
            StompHeaders headers = new StompHeaders();
            headers.setDestination(destination);
            headers.setReceipt("r-" + UUID.randomUUID());
            connected
                    .subscribe(headers, new TopicHandler(connected, destination))
                    .addReceiptTask(confirmed);
        }

        @Override
        public void handleFrame(StompHeaders headers, @Nullable Object payload) {
            Optional<ShutdownNotice> shutdown =
                    ShutdownNotice.from(headers, settings.reconnectMaxDelay());
            if (shutdown.isPresent()) {
                endForShutdown(shutdown.get());
                return;
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Config service refused the push session: {0}",
                    headers.getFirst("message"));
        }

        @Override
        public void handleException(
                StompSession failed,
                @Nullable StompCommand command,
                StompHeaders headers,
                byte[] payload,
                Throwable exception) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Config service push frame could not be handled: {0}",
                    exception.toString());
        }

        @Override
        public void handleTransportError(StompSession failed, Throwable exception) {
            end(exception.toString());
        }
    }

    private final class TopicHandler implements StompFrameHandler {

        private final StompSession from;
        private final String destination;

        TopicHandler(StompSession from, String destination) {
            this.from = from;
            this.destination = destination;
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return JsonNode.class;
        }

        @Override
        public void handleFrame(StompHeaders headers, @Nullable Object payload) {
            if (payload instanceof JsonNode message) {
                handler.message(destination, message, () -> acknowledge(message));
            }
        }

        private void acknowledge(JsonNode message) {
            if (!message.path("acknowledgmentRequired").asBoolean(false) || !from.isConnected()) {
                return;
            }
            try {
                from.send(ACK_DESTINATION, Map.of("id", message.path("id").asString()));
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "ack not sent, the session ended: {0}",
                        e.toString());
            }
        }
    }

    /** Runs an action once it has been called {@code count} times. */
    private static final class Countdown implements Runnable {

        private final Runnable action;
        private int left;

        Countdown(int count, Runnable action) {
            this.left = count;
            this.action = action;
        }

        @Override
        public synchronized void run() {
            left--;
            if (left == 0) {
                action.run();
            }
        }
    }
}
