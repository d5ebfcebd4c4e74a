package io.configservice.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of a server, so a test can cut every client connection and refuse new
 * ones (as a network partition or a stopped service would) and then let clients back in, without
 * restarting the server; or, like a Kubernetes Service whose endpoint leaves, send new connections
 * to another replica while open ones stay.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Socket> held = new ArrayList<>();
    private volatile int targetPort;
    private volatile boolean accepting = true;
    private boolean holding;

    private TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy to(int targetPort) {
        try {
            return new TcpProxy(targetPort);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a proxy port", e);
        }
    }

    /** The proxy's base URL, for example {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Closes every forwarded connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        accepting = false;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Forwards new connections again. */
    public void restore() {
        accepting = true;
    }

    /**
     * New connections wait, accepted but not forwarded, until {@link #forwardTo}; open ones are
     * left alone.
     */
    public synchronized void hold() {
        holding = true;
    }

    /**
     * Forwards the connections held and every new one to {@code 127.0.0.1:port}; open ones stay
     * where they are.
     */
    public void forwardTo(int port) {
        List<Socket> waiting;
        synchronized (this) {
            targetPort = port;
            holding = false;
            waiting = List.copyOf(held);
            held.clear();
        }
        waiting.forEach(this::forward);
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listener);
        synchronized (this) {
            held.forEach(TcpProxy::closeQuietly);
            held.clear();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue; // the listener was closed
            }
            if (!accepting) {
                closeQuietly(client);
                continue;
            }
            synchronized (this) {
                if (holding) {
                    held.add(client);
                    continue;
                }
            }
            forward(client);
        }
    }

    private void forward(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
        } catch (IOException e) {
            // the server refused: the client sees its connection end
            closeQuietly(server);
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(server);
        pipe(client, server);
        pipe(server, client);
    }

    private void pipe(Socket from, Socket to) {
        Thread thread =
                new Thread(
                        () -> {
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                in.transferTo(out);
                            } catch (IOException e) {
                                // one side closed
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                                open.remove(from);
                                open.remove(to);
                            }
                        },
                        "tcp-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
