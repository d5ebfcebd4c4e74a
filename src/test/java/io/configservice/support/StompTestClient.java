package io.configservice.support;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * A real STOMP-over-WebSocket client for tests: connects with a token, subscribes, and queues what
 * arrives.
 */
public final class StompTestClient implements AutoCloseable {

    private final StompSession session;
    private final BlockingQueue<Received> messages;
    private final BlockingQueue<String> errors;
    private final WebSocketStompClient client;

    private StompTestClient(
            WebSocketStompClient client,
            StompSession session,
            BlockingQueue<Received> messages,
            BlockingQueue<String> errors) {
        this.client = client;
        this.session = session;
        this.messages = messages;
        this.errors = errors;
    }

    /** A message frame: its headers and its JSON body. */
    public record Received(StompHeaders headers, JsonNode body) {}

    /**
     * Connects to {@code ws://localhost:<port>/ws}, sending the token (if any) as a native CONNECT
     * header.
     */
    public static CompletableFuture<StompTestClient> connect(int port, @Nullable String token) {
        StompHeaders connect = new StompHeaders();
        if (token != null) {
            connect.add("X-Service-Token", token);
        }
        return connect(port, connect);
    }

    /** Connects with an operator JWT in the {@code Authorization} CONNECT header. */
    public static CompletableFuture<StompTestClient> connectWithJwt(int port, String jwt) {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + jwt);
        return connect(port, connect);
    }

    private static CompletableFuture<StompTestClient> connect(int port, StompHeaders connect) {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JacksonJsonMessageConverter());
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.initialize();
        client.setTaskScheduler(scheduler);
        BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        StompSessionHandlerAdapter handler =
                new StompSessionHandlerAdapter() {
                    @Override
                    public void handleException(
                            StompSession s,
                            @Nullable StompCommand command,
                            StompHeaders headers,
                            byte[] payload,
                            Throwable exception) {
                        errors.add(String.valueOf(exception.getMessage()));
                    }

                    @Override
                    public void handleTransportError(StompSession s, Throwable exception) {
                        errors.add("transport: " + exception);
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, @Nullable Object payload) {
                        errors.add("ERROR " + headers.getFirst("message"));
                    }
                };
        return client.connectAsync(
                        "ws://localhost:" + port + "/ws",
                        new WebSocketHttpHeaders(),
                        connect,
                        handler)
                .thenApply(session -> new StompTestClient(client, session, messages, errors));
    }

    /**
     * Connects and subscribes to {@code destination}, confirmed by the server's RECEIPT.
     *
     * @throws AssertionError when the server refuses the subscription
     */
    public static StompTestClient subscribed(
            int port, @Nullable String token, String destination, Duration timeout)
            throws Exception {
        StompTestClient client = connect(port, token).get(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!client.subscribeConfirmed(destination, timeout)) {
            client.close();
            throw new AssertionError("the server refused the SUBSCRIBE to " + destination);
        }
        return client;
    }

    public void subscribe(String destination) {
        session.subscribe(destination, collector());
    }

    /**
     * Subscribes with a {@code receipt} header and waits for the outcome: true when the server
     * confirmed the subscription with a RECEIPT, false when it answered with an ERROR.
     *
     * @throws IllegalStateException when neither arrives within the timeout
     */
    public boolean subscribeConfirmed(String destination, Duration timeout)
            throws InterruptedException {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setReceipt("r-" + UUID.randomUUID());
        CountDownLatch receipt = new CountDownLatch(1);
        session.subscribe(headers, collector()).addReceiptTask(receipt::countDown);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (receipt.await(20, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!errors.isEmpty()) {
                return false;
            }
        }
        throw new IllegalStateException("Neither RECEIPT nor ERROR for SUBSCRIBE " + destination);
    }

    private StompSessionHandlerAdapter collector() {
        return new StompSessionHandlerAdapter() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, @Nullable Object payload) {
                messages.add(new Received(headers, (JsonNode) payload));
            }
        };
    }

    public void acknowledge(String messageId) {
        session.send("/app/ack", Map.of("id", messageId));
    }

    public @Nullable Received next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message of the given type, skipping others, or null when none arrives in time. */
    public @Nullable Received next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Received received = messages.poll(left, TimeUnit.NANOSECONDS);
            if (received != null && type.equals(received.body().path("type").asString())) {
                return received;
            }
        }
        return null;
    }

    /** Discards everything received so far. */
    public void drain() {
        messages.clear();
    }

    public @Nullable String nextError(Duration timeout) throws InterruptedException {
        return errors.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean connected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        try {
            if (session.isConnected()) {
                session.disconnect();
            }
        } catch (MessageDeliveryException | IllegalStateException e) {
            // the server closed the session first (e.g. after an ERROR frame), also between the
            // check and the
            // DISCONNECT (Spring then says "Connection closed"); nothing left to disconnect
        }
        client.stop();
    }
}
