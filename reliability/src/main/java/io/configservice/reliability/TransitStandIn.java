package io.configservice.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Vault transit stand-in of the server's test sources run as a process of its own ({@code
 * bench/transit/stand-in.sh}), so a scenario can stop it as an outage of Vault and start it again
 * with the keys it had (its state file), the way a real Vault keeps them in its storage.
 */
final class TransitStandIn implements AutoCloseable {

    /**
     * The first start compiles the server's test classes, which takes a while on a loaded machine.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final int port;
    private final long latencyMillis;
    private final String token;
    private final Path state;
    private final Path log;
    private Process process;

    private TransitStandIn(int port, long latencyMillis, Path directory) {
        this.port = port;
        this.latencyMillis = latencyMillis;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.token = "s.reliability-" + HexFormat.of().formatHex(random);
        this.state = directory.resolve("transit-" + port + ".json");
        this.log = directory.resolve("transit-" + port + ".log");
    }

    /**
     * Starts the stand-in on {@code port} with {@code latencyMillis} added to every call, keeping
     * its state in a new file.
     */
    static TransitStandIn start(int port, long latencyMillis, Path directory) throws IOException {
        TransitStandIn standIn = new TransitStandIn(port, latencyMillis, directory);
        Files.deleteIfExists(standIn.state);
        standIn.launch();
        return standIn;
    }

    /** What a server process needs to use this stand-in as its Vault transit key encryption key. */
    Map<String, String> serverEnvironment() {
        return Map.of(
                "VAULT_URI",
                "http://127.0.0.1:" + port,
                "VAULT_TOKEN",
                token,
                "VAULT_TRANSIT_KEY",
                "config-service");
    }

    /** Kills the process (SIGKILL): Vault is gone without a goodbye. */
    void stop() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the process again on the same port with the keys it had, and returns once it accepts
     * connections.
     */
    void restart() {
        if (process.isAlive()) {
            stop();
        }
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        Path root = RepositoryRoot.locate();
        ProcessBuilder builder =
                new ProcessBuilder(
                                List.of(
                                        root.resolve("bench/transit/stand-in.sh").toString(),
                                        "--port",
                                        Integer.toString(port),
                                        "--token",
                                        token,
                                        "--latency-ms",
                                        Long.toString(latencyMillis),
                                        "--state",
                                        state.toString()))
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Vault transit stand-in", e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the Vault transit stand-in exited with "
                                + process.exitValue()
                                + "; see "
                                + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Pause.millis(200);
            }
        }
        stop();
        throw new IllegalStateException(
                "the Vault transit stand-in did not listen on "
                        + port
                        + " within "
                        + START_TIMEOUT
                        + "; see "
                        + log);
    }
}
