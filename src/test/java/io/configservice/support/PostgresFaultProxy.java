package io.configservice.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback between the service and the shared PostgreSQL that acts out an immediate
 * restart without touching the real server: {@link #goDown()} resets every open connection and,
 * until {@link #comeBack()}, answers each new one as a starting PostgreSQL does (FATAL {@code
 * 57P03} "the database system is starting up"). Each piped connection uses two daemon threads,
 * which is fine for a connection pool of a few connections.
 */
public final class PostgresFaultProxy {

    private static final Pattern HOST_PORT =
            Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> upstream = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    private PostgresFaultProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        daemon("pg-fault-proxy", this::acceptLoop);
    }

    /** A running proxy in front of the database that the JDBC URL names. */
    public static PostgresFaultProxy before(String jdbcUrl) {
        Matcher m = HOST_PORT.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL with a host: " + jdbcUrl);
        }
        try {
            return new PostgresFaultProxy(
                    m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same JDBC URL with the proxy in place of the database's host and port. */
    public String jdbcUrl(String jdbcUrl) {
        return HOST_PORT
                .matcher(jdbcUrl)
                .replaceFirst("jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /**
     * Resets every open connection; new connections are refused as by a starting server until
     * {@link #comeBack()}.
     */
    public void goDown() {
        down = true;
        for (Socket socket : open) {
            reset(socket);
        }
    }

    public void comeBack() {
        down = false;
    }

    /**
     * The local ports of the proxy's open connections to PostgreSQL: their backends' {@code
     * client_port}.
     */
    public List<Integer> upstreamPorts() {
        return upstream.stream().map(Socket::getLocalPort).toList();
    }

    private void acceptLoop() {
        while (true) {
            try {
                Socket client = listener.accept();
                if (down) {
                    daemon("pg-fault-proxy-refuse", () -> refuseAsStarting(client));
                } else {
                    pipe(client);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void pipe(Socket client) throws IOException {
        Socket server;
        try {
            server = new Socket(upstreamHost, upstreamPort);
        } catch (IOException e) {
            reset(client);
            return;
        }
        open.add(client);
        open.add(server);
        upstream.add(server);
        daemon("pg-fault-proxy-up", () -> copy(client, server));
        daemon("pg-fault-proxy-down", () -> copy(server, client));
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The other side went away or the proxy reset the pair; both sockets are reset below.
        } finally {
            reset(from);
            reset(to);
        }
    }

    /**
     * Reads the startup packet (declining SSL and GSS encryption first) and answers FATAL 57P03.
     */
    private void refuseAsStarting(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                in.skipNBytes(length - 8L);
                if (code != SSL_REQUEST && code != GSS_REQUEST) {
                    break;
                }
                out.write('N');
                out.flush();
            }
            out.write(errorResponse("57P03", "the database system is starting up"));
            out.flush();
        } catch (IOException e) {
            // The client gave up first.
        }
    }

    private static byte[] errorResponse(String sqlState, String message) {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        field(fields, 'S', "FATAL");
        field(fields, 'V', "FATAL");
        field(fields, 'C', sqlState);
        field(fields, 'M', message);
        fields.write(0);
        byte[] body = fields.toByteArray();
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write('E');
        int length = body.length + 4;
        packet.write(length >>> 24);
        packet.write(length >>> 16);
        packet.write(length >>> 8);
        packet.write(length);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, char type, String value) {
        out.write(type);
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    /** Closes with RST, as a crashed server's kernel does, rather than an orderly FIN. */
    private void reset(Socket socket) {
        open.remove(socket);
        upstream.remove(socket);
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
