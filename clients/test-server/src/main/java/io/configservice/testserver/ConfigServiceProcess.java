package io.configservice.testserver;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the config service: the server's built jar started as a separate JVM, the way users run it.
 *
 * <p>Under the test infrastructure of {@link TestInfrastructure} every replica started by one test JVM shares one
 * database (created fresh on first use), one Redis database and one data directory (the key encryption key), so
 * two replicas behave like a real two-replica deployment. Without it (a fresh machine outside CI) each replica runs
 * on its embedded defaults.</p>
 */
public final class ConfigServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final int port;
    private final String adminToken;
    private final Path log;
    private final Map<String, String> extraEnvironment;

    private ConfigServiceProcess(Process process, int port, String adminToken, Path log,
            Map<String, String> extraEnvironment) {
        this.process = process;
        this.port = port;
        this.adminToken = adminToken;
        this.log = log;
        this.extraEnvironment = extraEnvironment;
    }

    /** Starts a replica on the shared test infrastructure, without the RabbitMQ relay. */
    public static ConfigServiceProcess start() {
        return start(Map.of());
    }

    /**
     * Starts a replica with extra environment variables on top of the infrastructure's (for example
     * {@link TestInfrastructure#rabbitRelay()} for the RabbitMQ STOMP relay).
     */
    public static ConfigServiceProcess start(Map<String, String> extraEnvironment) {
        return start(extraEnvironment, freePort());
    }

    /**
     * Starts this replica again on the same port and with the same environment, after stopping it if it still runs:
     * clients configured with its URL find the service back, as after a real restart.
     */
    public ConfigServiceProcess restart() {
        if (process.isAlive()) {
            close();
        }
        return start(extraEnvironment, port);
    }

    private static ConfigServiceProcess start(Map<String, String> extraEnvironment, int port) {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        Path log = infrastructure.workDirectory().resolve("server-" + port + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(ServerJar.locate().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(infrastructure.serverEnvironment());
        environment.put("SERVICE_PORT", Integer.toString(port));
        environment.putAll(extraEnvironment);
        try {
            ConfigServiceProcess server = new ConfigServiceProcess(builder.start(), port,
                    infrastructure.adminToken(), log, Map.copyOf(extraEnvironment));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command, e);
        }
    }

    /** The base URL, for example {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The STOMP endpoint, for example {@code ws://127.0.0.1:41234/ws}. */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    public int port() {
        return port;
    }

    /** The admin token (the same for every replica of one test JVM). */
    public String adminToken() {
        return adminToken;
    }

    /** An admin client for setting up what a test needs. */
    public AdminClient admin() {
        return new AdminClient(baseUri(), adminToken);
    }

    /** The replica's console output so far, for assertions and failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the replica at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Stops the replica with SIGTERM and waits for its graceful shutdown. */
    @Override
    public void close() {
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the config service exited with " + process.exitValue()
                        + " before it was ready; its log:\n" + log());
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the config service", e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException("the config service was not ready within " + START_TIMEOUT + "; its log:\n"
                + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
