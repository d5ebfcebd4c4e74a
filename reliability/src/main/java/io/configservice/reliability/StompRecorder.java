package io.configservice.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A raw STOMP 1.2 subscriber over the JDK's WebSocket client that keeps every frame the server
 * sends, exactly as received, so a scenario can search them (headers included) for what must never
 * be there.
 */
final class StompRecorder implements AutoCloseable {

    private final List<String> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<String> connected = new CompletableFuture<>();
    private final WebSocket socket;

    private StompRecorder(URI webSocketUri) {
        this.socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(webSocketUri, new Listener())
                        .join();
    }

    /**
     * Connects with {@code token} and subscribes to each destination, each confirmed by a receipt.
     */
    static StompRecorder subscribe(URI webSocketUri, String token, List<String> destinations)
            throws Exception {
        StompRecorder recorder = new StompRecorder(webSocketUri);
        recorder.send(
                "CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:0,0\nX-Service-Token:"
                        + token
                        + "\n\n");
        String first = recorder.connected.get(30, TimeUnit.SECONDS);
        if (!first.startsWith("CONNECTED")) {
            throw new IllegalStateException("STOMP CONNECT refused: " + first);
        }
        for (int i = 0; i < destinations.size(); i++) {
            recorder.send(
                    "SUBSCRIBE\nid:"
                            + i
                            + "\ndestination:"
                            + destinations.get(i)
                            + "\nreceipt:r"
                            + i
                            + "\n\n");
            recorder.await("RECEIPT\nreceipt-id:r" + i, Duration.ofSeconds(30));
        }
        return recorder;
    }

    /** Every frame received so far, command, headers and body. */
    List<String> frames() {
        return new ArrayList<>(frames);
    }

    /** Waits until a frame contains {@code text}; false when none did within {@code timeout}. */
    boolean await(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (frames.stream().anyMatch(frame -> frame.contains(text))) {
                return true;
            }
            Pause.millis(50);
        }
        return false;
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void send(String frame) {
        socket.sendText(frame + "\0", true).join();
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            synchronized (partial) {
                partial.append(data);
                int end;
                while ((end = partial.indexOf("\0")) >= 0) {
                    String frame = partial.substring(0, end).stripLeading();
                    partial.delete(0, end + 1);
                    frames.add(frame);
                    connected.complete(frame);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
