package io.configservice.reliability;

import io.configservice.testserver.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The outages of PostgreSQL and Redis in either fault mode. Proxies sit in front of the database
 * and the Redis that the test infrastructure gives the server processes; the real mode stops and
 * starts the machine's own servers with the commands of /work/.library/env (PostgreSQL: the single
 * cluster in /etc/postgresql; Redis: port 6379 without persistence, so a restart also empties it).
 */
final class DependencyOutages {

    private static final Pattern JDBC_HOST_PORT =
            Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");
    private static final List<String> REDIS_START =
            List.of(
                    "redis-server",
                    "--daemonize",
                    "yes",
                    "--bind",
                    "127.0.0.1",
                    "-::1",
                    "--port",
                    "6379",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    "/var/lib/redis",
                    "--logfile",
                    "/var/log/redis/ci.log");

    private DependencyOutages() {}

    static Outage postgres(FaultMode mode) {
        if (mode == FaultMode.REAL) {
            String cluster = postgresVersion();
            return new CommandOutage(
                    List.of(
                            "pg_ctlcluster",
                            "--skip-systemctl-redirect",
                            cluster,
                            "main",
                            "stop",
                            "-m",
                            "fast"),
                    List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"),
                    5432);
        }
        String url =
                TestInfrastructure.shared()
                        .serverSetting("SPRING_DATASOURCE_URL")
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "a PostgreSQL outage needs TEST_DATABASE_URL"));
        Matcher hostPort = JDBC_HOST_PORT.matcher(url);
        if (!hostPort.find()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL with a host: " + url);
        }
        int port = hostPort.group(2) == null ? 5432 : Integer.parseInt(hostPort.group(2));
        return new ProxyOutage(
                port,
                proxyPort ->
                        Map.of(
                                "SPRING_DATASOURCE_URL",
                                hostPort.replaceFirst(
                                        "jdbc:postgresql://127.0.0.1:" + proxyPort + "/")));
    }

    static Outage redis(FaultMode mode) {
        if (mode == FaultMode.REAL) {
            return new CommandOutage(
                    List.of("redis-cli", "-p", "6379", "shutdown", "nosave"), REDIS_START, 6379);
        }
        int port =
                Integer.parseInt(
                        TestInfrastructure.shared()
                                .serverSetting("SPRING_DATA_REDIS_PORT")
                                .orElseThrow(
                                        () ->
                                                new IllegalStateException(
                                                        "a Redis outage needs TEST_REDIS_HOST")));
        return new ProxyOutage(
                port,
                proxyPort ->
                        Map.of(
                                "SPRING_DATA_REDIS_HOST",
                                "127.0.0.1",
                                "SPRING_DATA_REDIS_PORT",
                                Integer.toString(proxyPort)));
    }

    private static String postgresVersion() {
        try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
            List<String> found = versions.map(path -> path.getFileName().toString()).toList();
            if (found.size() != 1) {
                throw new IllegalStateException(
                        "expected one PostgreSQL version in /etc/postgresql, found " + found);
            }
            return found.get(0);
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL cluster in /etc/postgresql", e);
        }
    }
}
