package io.configservice.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A STOMP subscriber connected to RabbitMQ itself, not to a replica, so it stays subscribed while
 * replicas are killed and restarted: it hears every event any replica's relay publishes to one
 * topic and keeps the revisions of the {@code configuration_changed} events it received.
 */
final class BrokerTopicSubscriber implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Socket socket;
    private final Set<Long> revisions = ConcurrentHashMap.newKeySet();
    private final CountDownLatch subscribed = new CountDownLatch(1);

    private BrokerTopicSubscriber(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects as {@code guest} (RabbitMQ's loopback user) and subscribes to {@code destination}.
     */
    static BrokerTopicSubscriber subscribe(String host, int port, String destination)
            throws IOException, InterruptedException {
        BrokerTopicSubscriber subscriber = new BrokerTopicSubscriber(new Socket(host, port));
        OutputStream out = subscriber.socket.getOutputStream();
        out.write(
                frame(
                        "CONNECT",
                        Map.of(
                                "accept-version",
                                "1.2",
                                "host",
                                "/",
                                "login",
                                "guest",
                                "passcode",
                                "guest",
                                "heart-beat",
                                "0,0")));
        out.write(
                frame(
                        "SUBSCRIBE",
                        Map.of(
                                "id",
                                "0",
                                "destination",
                                destination,
                                "ack",
                                "auto",
                                "receipt",
                                "subscribed")));
        out.flush();
        Thread reader = new Thread(subscriber::readLoop, "broker-topic-subscriber");
        reader.setDaemon(true);
        reader.start();
        if (!subscriber.subscribed.await(10, TimeUnit.SECONDS)) {
            subscriber.close();
            throw new IllegalStateException(
                    "RabbitMQ did not confirm the subscription to " + destination);
        }
        return subscriber;
    }

    /** The revisions of the events received so far. */
    Set<Long> revisions() {
        return Set.copyOf(revisions);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readLoop() {
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (true) {
                String command = line(in);
                if (command == null) {
                    return;
                }
                if (command.isEmpty()) {
                    continue;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String header = line(in);
                        header != null && !header.isEmpty();
                        header = line(in)) {
                    int colon = header.indexOf(':');
                    headers.putIfAbsent(header.substring(0, colon), header.substring(colon + 1));
                }
                byte[] body = body(in);
                handle(command, headers, body);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void handle(String command, Map<String, String> headers, byte[] body) {
        switch (command) {
            case "RECEIPT" -> subscribed.countDown();
            case "MESSAGE" -> {
                JsonNode event = JSON.readTree(body);
                if ("configuration_changed".equals(event.path("type").asString())) {
                    revisions.add(event.path("data").path("revision").asLong());
                }
            }
            case "ERROR" ->
                    System.out.println("    RabbitMQ STOMP error: " + headers.get("message"));
            default -> {}
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] body(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != 0) {
            if (b < 0) {
                throw new IOException("connection closed inside a frame");
            }
            bytes.write(b);
        }
        return bytes.toByteArray();
    }

    private static byte[] frame(String command, Map<String, String> headers) {
        StringBuilder frame = new StringBuilder(command).append('\n');
        headers.forEach((name, value) -> frame.append(name).append(':').append(value).append('\n'));
        return frame.append('\n').append('\0').toString().getBytes(StandardCharsets.UTF_8);
    }
}
