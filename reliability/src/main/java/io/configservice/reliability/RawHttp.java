package io.configservice.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request, so a request can be anything the fuzz
 * pass makes: a request target with bad percent-encoding or raw bytes, repeated or oversized
 * headers, a body that is not JSON at all. The JDK client refuses to send most of those.
 */
final class RawHttp {

    private static final int MAX_ANSWER_BYTES = 2 * 1024 * 1024;

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** A request as it goes on the wire; headers may repeat a name. */
    record Request(
            String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {

        String describe() {
            return method
                    + " "
                    + (target.length() > 200 ? target.substring(0, 200) + "…" : target)
                    + " ("
                    + body.length
                    + " body bytes)";
        }
    }

    /** The status of the answer (0 when the server closed without one) and its first bytes. */
    record Answer(int status, String text) {}

    Answer send(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder();
            head.append(request.method())
                    .append(' ')
                    .append(request.target())
                    .append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:")
                    .append(port)
                    .append("\r\nConnection: close\r\n");
            for (Map.Entry<String, String> header : request.headers()) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
            head.append("Content-Length: ").append(request.body().length).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(request.body());
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int read;
        try {
            while (answer.size() < MAX_ANSWER_BYTES && (read = in.read(buffer)) > 0) {
                answer.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // a reset after the answer was written (the server closes on a request it refused):
            // keep what came
        }
        String text = answer.toString(StandardCharsets.UTF_8);
        // an interim 100 Continue (the request sent Expect: 100-continue) precedes the final
        // answer, which is judged
        while (text.startsWith("HTTP/1.1 100") && text.contains("\r\n\r\n")) {
            text = text.substring(text.indexOf("\r\n\r\n") + 4);
        }
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            return new Answer(0, text);
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    }
}
