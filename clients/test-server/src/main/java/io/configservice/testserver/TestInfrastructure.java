package io.configservice.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the server processes of one test JVM run on, taken from the same variables as the server's
 * own tests: {@code TEST_DATABASE_URL} (+ {@code TEST_DATABASE_USERNAME}, {@code
 * TEST_DATABASE_PASSWORD}), {@code TEST_REDIS_HOST} (+ {@code TEST_REDIS_PORT}, {@code
 * TEST_REDIS_DATABASE}), {@code TEST_RABBITMQ_HOST} (+ {@code TEST_RABBITMQ_STOMP_PORT}).
 *
 * <p>The processes get their own database, {@code <test database>_clients}, created fresh once per
 * JVM (the server's tests keep their deployment keys, wrapped by another key file, in the test
 * database itself), and Redis database {@code TEST_REDIS_DATABASE} (default 1; runs side by side on
 * one Redis each take their own), emptied at the same time. Without the variables the processes run
 * on their embedded defaults; with {@code CI=true} the variables are required, so a CI run never
 * silently skips the real infrastructure.
 */
public final class TestInfrastructure {

    private static TestInfrastructure shared;

    private final Map<String, String> serverEnvironment;
    private final Path workDirectory;
    private final String adminToken;

    private TestInfrastructure(
            Map<String, String> serverEnvironment, Path workDirectory, String adminToken) {
        this.serverEnvironment = serverEnvironment;
        this.workDirectory = workDirectory;
        this.adminToken = adminToken;
    }

    /** The infrastructure of this JVM, prepared on first use. */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            shared = prepare();
        }
        return shared;
    }

    /** Environment variables that put a replica behind the RabbitMQ STOMP relay. */
    public static Map<String, String> rabbitRelay() {
        return Map.of(
                "BROKER_RELAY_HOST",
                variable("TEST_RABBITMQ_HOST", "127.0.0.1"),
                "BROKER_RELAY_PORT",
                variable("TEST_RABBITMQ_STOMP_PORT", "61613"));
    }

    /**
     * Whether this run must use the real PostgreSQL, Redis and RabbitMQ (and fail without them).
     */
    public static boolean continuousIntegration() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The environment every server process of this JVM starts with (database, Redis, data
     * directory, admin token), for tools that reach the same database or start a process beside it.
     */
    public Map<String, String> serverEnvironment() {
        return serverEnvironment;
    }

    /**
     * One setting the server processes get from this infrastructure, for example {@code
     * SPRING_DATASOURCE_URL} or {@code SPRING_DATA_REDIS_PORT}, so a test can route a process
     * through a proxy; empty when the processes run on their embedded defaults.
     */
    public Optional<String> serverSetting(String name) {
        return Optional.ofNullable(serverEnvironment.get(name));
    }

    Path workDirectory() {
        return workDirectory;
    }

    String adminToken() {
        return adminToken;
    }

    private static TestInfrastructure prepare() {
        Path work =
                Path.of(
                                "target",
                                "config-service-process",
                                Long.toString(System.currentTimeMillis()))
                        .toAbsolutePath();
        String adminToken = randomToken();
        Map<String, String> environment = new HashMap<>();
        environment.put("CONFIG_DATA_DIR", work.resolve("data").toString());
        environment.put("CONFIG_ADMIN_TOKEN", adminToken);
        String databaseUrl = System.getenv("TEST_DATABASE_URL");
        String redisHost = System.getenv("TEST_REDIS_HOST");
        if (continuousIntegration() && (databaseUrl == null || redisHost == null)) {
            throw new IllegalStateException(
                    "CI=true needs TEST_DATABASE_URL and TEST_REDIS_HOST (see .ci/run)");
        }
        if (databaseUrl != null) {
            environment.putAll(freshDatabase(databaseUrl));
        }
        if (redisHost != null) {
            String redisPort = variable("TEST_REDIS_PORT", "6379");
            String redisDatabase = variable("TEST_REDIS_DATABASE", "1");
            emptyRedisDatabase(
                    redisHost, Integer.parseInt(redisPort), Integer.parseInt(redisDatabase));
            environment.put("SPRING_DATA_REDIS_HOST", redisHost);
            environment.put("SPRING_DATA_REDIS_PORT", redisPort);
            environment.put("SPRING_DATA_REDIS_DATABASE", redisDatabase);
        }
        try {
            Files.createDirectories(work.resolve("data"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + work, e);
        }
        return new TestInfrastructure(Map.copyOf(environment), work, adminToken);
    }

    private static Map<String, String> freshDatabase(String databaseUrl) {
        String username = variable("TEST_DATABASE_USERNAME", "postgres");
        String password = variable("TEST_DATABASE_PASSWORD", "");
        int query = databaseUrl.indexOf('?');
        String base = query < 0 ? databaseUrl : databaseUrl.substring(0, query);
        String name = base.substring(base.lastIndexOf('/') + 1) + "_clients";
        String server = base.substring(0, base.lastIndexOf('/') + 1);
        try (Connection connection =
                        DriverManager.getConnection(server + "postgres", username, password);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create the database " + name + " next to " + databaseUrl, e);
        }
        return Map.of(
                "SPRING_DATASOURCE_URL",
                server + name,
                "SPRING_DATASOURCE_USERNAME",
                username,
                "SPRING_DATASOURCE_PASSWORD",
                password);
    }

    private static void emptyRedisDatabase(String host, int port, int database) {
        String number = Integer.toString(database);
        String select = "*2\r\n$6\r\nSELECT\r\n$" + number.length() + "\r\n" + number + "\r\n";
        byte[] commands = (select + "*1\r\n$7\r\nFLUSHDB\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(commands);
            out.flush();
            InputStream in = socket.getInputStream();
            String replies =
                    new String(in.readNBytes("+OK\r\n+OK\r\n".length()), StandardCharsets.US_ASCII);
            if (!replies.equals("+OK\r\n+OK\r\n")) {
                throw new IllegalStateException(
                        "Redis answered " + replies.strip() + " to SELECT/FLUSHDB");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Redis is not reachable on " + host + ":" + port, e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String variable(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
