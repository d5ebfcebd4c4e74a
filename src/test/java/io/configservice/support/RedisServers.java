package io.configservice.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Redis servers, sentinels and clusters run from this machine's {@code redis-server} and {@code
 * redis-cli} for one test class: on loopback ports from 26400 to 26499, without persistence, in a
 * temporary directory, and stopped after the class's last test whatever its outcome (register it
 * with {@code @RegisterExtension} on a static field). A missing binary skips the test, and fails it
 * under {@code CI=true}, where the binaries are part of the machine.
 */
public final class RedisServers implements AfterAllCallback {

    private static final int FIRST_PORT = 26400;
    private static final int LAST_PORT = 26499;
    private static final int CLUSTER_BUS_OFFSET = 10_000;
    private static final AtomicInteger nextPort = new AtomicInteger(FIRST_PORT);
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private Path directory;

    /** Kills the processes of a run that ends before the class does (Ctrl-C, a killed fork). */
    public RedisServers() {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly)));
    }

    /** A server on loopback; {@code settings} are further {@code redis-server} arguments. */
    public synchronized int standalone(String... settings) {
        int port = freePort(false);
        start(port, serverCommand(directory(port), port, settings));
        return port;
    }

    /** A server that listens on TLS only, with the certificate and key given, clients unchecked. */
    public synchronized int tls(TestCertificates.Server certificate) {
        int port = freePort(false);
        start(
                port,
                serverCommand(
                        directory(port),
                        0,
                        "--tls-port",
                        Integer.toString(port),
                        "--tls-cert-file",
                        certificate.certificate().toString(),
                        "--tls-key-file",
                        certificate.key().toString(),
                        "--tls-ca-cert-file",
                        certificate.authority().toString(),
                        "--tls-auth-clients",
                        "no"));
        return port;
    }

    /**
     * A sentinel watching the master {@code name} at {@code masterPort}, reaching it with {@code
     * masterPassword} (none when null) and asking its own clients for {@code password} (none when
     * null).
     */
    public synchronized int sentinel(
            String name, int masterPort, String masterPassword, String password) {
        int port = freePort(false);
        StringBuilder config = new StringBuilder();
        config.append("port ").append(port).append('\n');
        config.append("bind 127.0.0.1\n");
        config.append("dir ").append(directory(port)).append('\n');
        config.append("sentinel monitor ")
                .append(name)
                .append(" 127.0.0.1 ")
                .append(masterPort)
                .append(" 1\n");
        if (masterPassword != null) {
            config.append("sentinel auth-pass ")
                    .append(name)
                    .append(' ')
                    .append(masterPassword)
                    .append('\n');
        }
        if (password != null) {
            config.append("requirepass ").append(password).append('\n');
        }
        Path file = directory(port).resolve("sentinel.conf");
        write(file, config.toString());
        start(port, List.of(executable("redis-server"), file.toString(), "--sentinel"));
        return port;
    }

    /**
     * A cluster of {@code masters} masters without replicas sharing the 16384 slots, each asking
     * its clients for {@code password}, returned once every node says {@code cluster_state:ok}.
     */
    public synchronized List<Integer> cluster(int masters, String password) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < masters; i++) {
            int port = freePort(true);
            start(
                    port,
                    serverCommand(
                            directory(port),
                            port,
                            "--cluster-enabled",
                            "yes",
                            "--cluster-config-file",
                            directory(port).resolve("nodes.conf").toString(),
                            "--requirepass",
                            password,
                            "--masterauth",
                            password));
            ports.add(port);
        }
        List<String> create =
                new ArrayList<>(List.of(executable("redis-cli"), "--cluster", "create"));
        ports.forEach(port -> create.add("127.0.0.1:" + port));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        run(create, password);
        await("cluster_state:ok on every node")
                .atMost(STARTUP)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ports.stream().allMatch(port -> clusterOk(port, password)));
        return ports;
    }

    private static boolean clusterOk(int port, String password) {
        return run(
                        List.of(
                                executable("redis-cli"),
                                "-p",
                                Integer.toString(port),
                                "cluster",
                                "info"),
                        password)
                .contains("cluster_state:ok");
    }

    /** {@code redis-server} on {@code port} (0: no plain port), its files in {@code directory}. */
    private static List<String> serverCommand(Path directory, int port, String... settings) {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                executable("redis-server"),
                                "--port",
                                Integer.toString(port),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--dir",
                                directory.toString()));
        command.addAll(List.of(settings));
        return command;
    }

    /** Starts a process in the port's own directory and waits until the port accepts. */
    private void start(int port, List<String> command) {
        Path workDirectory = directory(port);
        Path log = workDirectory.resolve("redis.log");
        Process process;
        try {
            process =
                    new ProcessBuilder(command)
                            .directory(workDirectory.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command.get(0), e);
        }
        processes.add(process);
        await("redis on port " + port)
                .atMost(STARTUP)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException(
                                        "Redis on port " + port + " exited:\n" + read(log));
                            }
                            return accepts(port);
                        });
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to its end and returns its output; fails when it does not succeed. */
    static String run(List<String> command) {
        return run(command, null);
    }

    /** As {@link #run(List)}, with the password redis-cli sends (from its environment). */
    private static String run(List<String> command, String password) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (password != null) {
                builder.environment().put("REDISCLI_AUTH", password);
            }
            Process process = builder.start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        command + " exited with " + process.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command.get(0), e);
        }
    }

    /**
     * The absolute path of a binary on the {@code PATH}. Missing, it skips the test, or fails it
     * under {@code CI=true}.
     */
    static String executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String message = "No " + name + " on the PATH";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true: " + message);
        }
        return Assumptions.abort("Skipped: " + message);
    }

    /**
     * The next port of the range that is free, with its cluster bus port ({@code port + 10000})
     * when {@code clusterBus}.
     */
    private static int freePort(boolean clusterBus) {
        for (int tried = 0; tried <= LAST_PORT - FIRST_PORT; tried++) {
            int port = nextPort.getAndUpdate(p -> p == LAST_PORT ? FIRST_PORT : p + 1);
            if (free(port) && (!clusterBus || free(port + CLUSTER_BUS_OFFSET))) {
                return port;
            }
        }
        throw new IllegalStateException(
                "No free port from " + FIRST_PORT + " to " + LAST_PORT + " on loopback");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The temporary directory of this class's servers, made on first use. */
    public synchronized Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("redis-servers-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }

    private Path directory(int port) {
        Path path = directory().resolve(Integer.toString(port));
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every process (SIGTERM, then SIGKILL after 10 s) and deletes the directory. */
    @Override
    public synchronized void afterAll(ExtensionContext context) throws IOException {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
        if (directory != null) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
            directory = null;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
