package io.configservice.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.configservice.ServiceProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The embedded PostgreSQL asks for the password generated beside its data, listens on loopback
 * only, and a data directory of an earlier version (trust authentication, no password file) is
 * moved to the password at its next start.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedPostgresAuthenticationTests {

    @TempDir Path dataDir;

    private final EmbeddedPostgresConfiguration configuration = new EmbeddedPostgresConfiguration();

    @Test
    void freshDatabaseAcceptsOnlyTheGeneratedPasswordOnLoopbackAndKeepsItAcrossRestarts(
            CapturedOutput output) throws Exception {
        Path passwordFile = dataDir.resolve("pg.password");
        String password;
        try (EmbeddedPostgres postgres =
                configuration.embeddedPostgres(new ServiceProperties("test", dataDir))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            password = Files.readString(passwordFile).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            assertPasswordRequired(postgres.getPort(), password);
            try (Connection connection = connect(postgres.getPort(), password)) {
                assertThat(query(connection, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(
                                query(
                                        connection,
                                        "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> "
                                                + "'scram-sha-256' OR error IS NOT NULL"))
                        .isEqualTo("0");
            }
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThatExceptionOfType(ConnectException.class)
                        .as("connect to %s", address)
                        .isThrownBy(
                                () -> {
                                    try (Socket socket = new Socket()) {
                                        socket.connect(
                                                new InetSocketAddress(address, postgres.getPort()),
                                                2000);
                                    }
                                });
            }
        }

        try (EmbeddedPostgres postgres =
                configuration.embeddedPostgres(new ServiceProperties("test", dataDir))) {
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(password);
            assertPasswordRequired(postgres.getPort(), password);
        }
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void trustDatabaseOfAnEarlierVersionIsMovedToThePassword(CapturedOutput output)
            throws Exception {
        try (EmbeddedPostgres earlier =
                        EmbeddedPostgres.builder()
                                .setDataDirectory(dataDir.resolve("pg"))
                                .setCleanDataDirectory(false)
                                .setRegisterShutdownHook(false)
                                .start();
                Connection connection = earlier.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE survivor (kept boolean); INSERT INTO survivor VALUES (true)");
        }

        String password;
        try (EmbeddedPostgres postgres =
                configuration.embeddedPostgres(new ServiceProperties("test", dataDir))) {
            password = Files.readString(dataDir.resolve("pg.password")).strip();
            assertPasswordRequired(postgres.getPort(), password);
            try (Connection connection = connect(postgres.getPort(), password)) {
                assertThat(query(connection, "SELECT kept FROM survivor")).isEqualTo("t");
                assertThat(
                                query(
                                        connection,
                                        "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> "
                                                + "'scram-sha-256' OR error IS NOT NULL"))
                        .isEqualTo("0");
            }
        }
        assertThat(output.getAll())
                .contains("accepted logins without a password")
                .doesNotContain(password);

        try (EmbeddedPostgres postgres =
                configuration.embeddedPostgres(new ServiceProperties("test", dataDir))) {
            assertPasswordRequired(postgres.getPort(), password);
        }
    }

    private static void assertPasswordRequired(int port, String password) throws SQLException {
        assertThatExceptionOfType(SQLException.class)
                .as("login without a password")
                .isThrownBy(() -> connect(port, "").close());
        assertThatExceptionOfType(SQLException.class)
                .as("login with another password")
                .isThrownBy(() -> connect(port, password + "x").close())
                .withMessageContaining("password authentication failed");
        connect(port, password).close();
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", password);
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(
                        nic -> {
                            try {
                                return nic.isUp() && !nic.isLoopback();
                            } catch (SocketException e) {
                                return false;
                            }
                        })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLinkLocalAddress())
                .toList();
    }
}
