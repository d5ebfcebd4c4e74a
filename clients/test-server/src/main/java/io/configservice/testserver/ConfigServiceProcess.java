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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the config service: the server's built jar started as a separate JVM, the way
 * users run it.
 *
 * <p>Under the test infrastructure of {@link TestInfrastructure} every replica started by one test
 * JVM shares one database (created fresh on first use), one Redis database and one data directory
 * (the key encryption key), so two replicas behave like a real two-replica deployment. Without it
 * (a fresh machine outside CI) each replica runs on its embedded defaults.
 */
public final class ConfigServiceProcess implements AutoCloseable {

    /**
     * Generous: a start took several minutes on a 2-core machine that other builds kept at a load
     * of 50.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private static final Map<Map<String, String>, ConfigServiceProcess> SHARED = new HashMap<>();

    private final int port;
    private final String adminToken;
    private final Map<String, String> extraEnvironment;
    private volatile Process process;
    private volatile Path log;

    private ConfigServiceProcess(
            int port, String adminToken, Map<String, String> extraEnvironment) {
        this.port = port;
        this.adminToken = adminToken;
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
        ConfigServiceProcess server =
                new ConfigServiceProcess(
                        freePort(),
                        TestInfrastructure.shared().adminToken(),
                        Map.copyOf(extraEnvironment));
        server.launch();
        return server;
    }

    /**
     * The replica with these extra environment variables that every test class of this JVM (one
     * module's test run) shares: started on first use, stopped when the JVM exits. Each server
     * start costs seconds, so test classes that only need a running service share it; a test that
     * stops or restarts it does so for the classes after it.
     */
    public static synchronized ConfigServiceProcess shared(Map<String, String> extraEnvironment) {
        ConfigServiceProcess server = SHARED.get(extraEnvironment);
        if (server == null) {
            server = start(extraEnvironment);
            SHARED.put(Map.copyOf(extraEnvironment), server);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(server::close, "config-service-process-stop"));
        }
        return server;
    }

    /**
     * Starts this replica again on the same port and with the same environment, after stopping it
     * if it still runs: clients configured with its URL find the service back, as after a real
     * restart.
     */
    public ConfigServiceProcess restart() {
        if (process.isAlive()) {
            close();
        }
        launch();
        return this;
    }

    private void launch() {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        Path output =
                infrastructure
                        .workDirectory()
                        .resolve("server-" + port + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        // C1 only: a test replica serves little traffic, and without C2's compiler threads it
        // starts in about half
        // the time on a busy 2-core machine (66 s and 48 s against 30 s and 19 s, same database,
        // load 8).
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(ServerJar.locate().toString());
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(infrastructure.serverEnvironment());
        environment.put("SERVICE_PORT", Integer.toString(port));
        environment.putAll(extraEnvironment);
        try {
            log = output;
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + command, e);
        }
        awaitReady();
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

    /** The process id of the running JVM, for diagnostic commands such as {@code jcmd}. */
    public long pid() {
        return process.pid();
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
        HttpRequest readiness =
                HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the config service exited with "
                                + process.exitValue()
                                + " before it was ready; its log:\n"
                                + log());
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "interrupted while waiting for the config service", e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException(
                "the config service was not ready within "
                        + START_TIMEOUT
                        + "; its log:\n"
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
