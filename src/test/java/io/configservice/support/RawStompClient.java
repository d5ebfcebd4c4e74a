package io.configservice.support;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * STOMP written by hand over a WebSocket, for tests that send what a well-behaved client library
 * never would: a SEND without destination, a MESSAGE frame, forged headers. Each frame the server
 * sends is queued as it arrives.
 */
public final class RawStompClient implements AutoCloseable {

    private static final StandardWebSocketClient WEB_SOCKETS = new StandardWebSocketClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocketSession session;
    private final BlockingQueue<Frame> frames;

    private RawStompClient(WebSocketSession session, BlockingQueue<Frame> frames) {
        this.session = session;
        this.frames = frames;
    }

    /** A frame as the server sent it, with when it arrived ({@link System#nanoTime()}). */
    public record Frame(String command, Map<String, String> headers, String body, long receivedAt) {

        public @Nullable String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * Opens the WebSocket to {@code ws://127.0.0.1:<port>/ws} (not {@code localhost}, which may
     * resolve to ::1 and count as another client address); nothing is sent yet.
     */
    public static RawStompClient open(int port) throws Exception {
        BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        TextWebSocketHandler handler =
                new TextWebSocketHandler() {
                    @Override
                    protected void handleTextMessage(WebSocketSession s, TextMessage message) {
                        Frame frame = parse(message.getPayload());
                        if (frame != null) {
                            frames.add(frame);
                        }
                    }

                    @Override
                    public void afterConnectionClosed(WebSocketSession s, CloseStatus status) {
                        frames.add(
                                new Frame(
                                        "CLOSED",
                                        Map.of("status", Integer.toString(status.getCode())),
                                        "",
                                        System.nanoTime()));
                    }
                };
        WebSocketSession session =
                WEB_SOCKETS
                        .execute(handler, "ws://127.0.0.1:" + port + "/ws")
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new RawStompClient(session, frames);
    }

    /**
     * Opens a WebSocket and sends CONNECT with the service token (if any); the answer is the next
     * frame.
     */
    public static RawStompClient connect(int port, @Nullable String token) throws Exception {
        return connect(port, token == null ? Map.of() : Map.of("X-Service-Token", token));
    }

    /**
     * Opens a WebSocket and sends CONNECT with these credential headers; the answer is the next
     * frame.
     */
    public static RawStompClient connect(int port, Map<String, String> credentials)
            throws Exception {
        RawStompClient client = open(port);
        client.send("CONNECT", credentials, "");
        return client;
    }

    /**
     * Sends one frame; the STOMP 1.2 version and host headers are added to CONNECT. A frame for a
     * connection the server already closed (before or while it is sent) is dropped, as the network
     * would drop it.
     */
    public void send(String command, Map<String, String> headers, String body) throws IOException {
        if (!session.isOpen()) {
            return;
        }
        StringBuilder frame = new StringBuilder(command).append('\n');
        if (command.equals("CONNECT")) {
            frame.append("accept-version:1.2\nhost:localhost\nheart-beat:0,0\n");
        }
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        frame.append('\n').append(body).append('\0');
        try {
            session.sendMessage(new TextMessage(frame.toString()));
        } catch (IllegalStateException e) {
            if (session.isOpen() && !closedByTheServer(e)) {
                throw e;
            }
            // the server closed the connection after the check above: dropped all the same
        }
    }

    /**
     * Tomcat refuses to write to a session the server is closing before the session reports itself
     * closed; any other refusal (a write racing another write) is the test's own fault.
     */
    private static boolean closedByTheServer(IllegalStateException e) {
        return e.getMessage() != null
                && e.getMessage().contains("the WebSocket session has been closed");
    }

    /**
     * The next frame the server sent (CLOSED once the connection closed), or null when none came in
     * time.
     */
    public @Nullable Frame next(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame with this command, skipping others, or null when none came in time. */
    public @Nullable Frame next(String command, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Frame frame = frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null && frame.command().equals(command)) {
                return frame;
            }
        }
        return null;
    }

    /** Whether the server still holds the connection open. */
    public boolean open() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }

    private static @Nullable Frame parse(String text) {
        String frame = text.startsWith("\n") || text.startsWith("\r\n") ? text.strip() : text;
        if (frame.isEmpty()) {
            return null;
        }
        int headerEnd = frame.indexOf("\n\n");
        String head = headerEnd < 0 ? frame : frame.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : frame.substring(headerEnd + 2);
        int nul = body.indexOf('\0');
        body = nul < 0 ? body : body.substring(0, nul);
        String[] lines = head.split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(
                        lines[i].substring(0, colon), unescape(lines[i].substring(colon + 1)));
            }
        }
        return new Frame(lines[0], headers, body, System.nanoTime());
    }

    /**
     * Header values as STOMP 1.2 escapes them: a colon as {@code \c}, a line feed as {@code \n},
     * and so on.
     */
    private static String unescape(String value) {
        StringBuilder plain = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char escaped = value.charAt(++i);
                plain.append(
                        switch (escaped) {
                            case 'c' -> ':';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> escaped;
                        });
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }
}
