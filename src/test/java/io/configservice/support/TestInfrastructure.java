package io.configservice.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

/**
 * The real PostgreSQL and Redis the integration tests run against, taken in this order: URLs from
 * the environment ({@code TEST_DATABASE_URL}, {@code TEST_REDIS_HOST}, as {@code .ci/run} exports),
 * Testcontainers when a Docker engine is reachable, else embedded binaries. Under {@code CI=true}
 * the environment must name both: CI never falls back silently. Each part is started once per JVM
 * and shared by every test context.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static Database database;
    private static Redis redis;

    private TestInfrastructure() {}

    /** JDBC coordinates of the shared test database. */
    public record Database(String url, String username, String password, String source) {}

    /** Address of the shared test Redis. */
    public record Redis(String host, int port, String source) {}

    public static synchronized Database database() {
        if (database == null) {
            database = startDatabase();
            log.info("Test PostgreSQL: {} ({})", database.url(), database.source());
        }
        return database;
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            redis = startRedis();
            log.info("Test Redis: {}:{} ({})", redis.host(), redis.port(), redis.source());
        }
        return redis;
    }

    private static Database startDatabase() {
        Map<String, String> env = System.getenv();
        String url = env.get("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new Database(
                    url,
                    env.getOrDefault("TEST_DATABASE_USERNAME", "postgres"),
                    env.getOrDefault("TEST_DATABASE_PASSWORD", ""),
                    "environment");
        }
        requireNotCi("TEST_DATABASE_URL");
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            return new Database(
                    container.getJdbcUrl(),
                    container.getUsername(),
                    container.getPassword(),
                    "Testcontainers");
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
            return new Database(
                    postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }

    private static Redis startRedis() {
        Map<String, String> env = System.getenv();
        String host = env.get("TEST_REDIS_HOST");
        if (host != null && !host.isBlank()) {
            return new Redis(
                    host,
                    Integer.parseInt(env.getOrDefault("TEST_REDIS_PORT", "6379")),
                    "environment");
        }
        requireNotCi("TEST_REDIS_HOST");
        if (dockerAvailable()) {
            GenericContainer<?> container =
                    new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            return new Redis(container.getHost(), container.getMappedPort(6379), "Testcontainers");
        }
        try {
            int port = freePort();
            RedisServer server =
                    RedisServer.newRedisServer()
                            .port(port)
                            .bind("127.0.0.1")
                            .setting("save \"\"")
                            .setting("appendonly no")
                            .build();
            server.start();
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        try {
                                            server.stop();
                                        } catch (IOException e) {
                                            log.warn("Could not stop embedded Redis", e);
                                        }
                                    }));
            return new Redis("127.0.0.1", port, "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded Redis", e);
        }
    }

    private static void requireNotCi(String variable) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    "CI=true but "
                            + variable
                            + " is not set: CI must test against the real "
                            + "services .ci/run starts, never a silent fallback");
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Could not stop embedded PostgreSQL", e);
        }
    }
}
