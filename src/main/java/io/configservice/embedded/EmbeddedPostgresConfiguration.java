package io.configservice.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.configservice.ServiceProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default database: when no {@code spring.datasource.url} is configured, PostgreSQL
 * runs in-process from the binaries on the classpath with its data under {@code <data-dir>/pg},
 * kept across restarts. It listens on 127.0.0.1 only and every login needs the superuser password
 * generated into {@code <data-dir>/pg.password} (mode 0600); a data directory of an earlier
 * version, which trusted every local login, is moved to that password at its first start.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);
    private static final String SUPERUSER = "postgres";
    private static final String LOOPBACK = "127.0.0.1";

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(ServiceProperties service) throws IOException {
        Path dataDir = service.dataDir();
        Path pgData = dataDir.resolve("pg").toAbsolutePath().normalize();
        Files.createDirectories(pgData);
        DatabasePasswordFile passwordFile = passwordFile(dataDir);
        HostBasedAuthentication authentication = new HostBasedAuthentication(pgData);
        boolean initialized = Files.exists(pgData.resolve("postgresql.conf"));
        if (initialized && !passwordFile.exists() && !authentication.admitsWithoutPassword()) {
            throw new IllegalStateException(
                    "The embedded PostgreSQL in "
                            + pgData
                            + " requires a password but "
                            + passwordFile.path()
                            + " is missing: restore that file (or remove the data directory to start "
                            + "afresh)");
        }
        String password = passwordFile.readOrCreate();
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setDataDirectory(pgData)
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .setServerConfig("listen_addresses", LOOPBACK)
                        .setConnectConfig("password", password);
        if (!initialized) {
            // zonky hands its locale settings to initdb as --name=value, its only way to pass
            // initdb options; a later
            // --auth overrides its own "-A trust".
            builder.setLocaleConfig("pwfile", passwordFile.path().toString())
                    .setLocaleConfig("auth", HostBasedAuthentication.PASSWORD_METHOD);
        }
        EmbeddedPostgres postgres = builder.start();
        if (authentication.admitsWithoutPassword()) {
            requirePassword(postgres, password, authentication);
            log.warn(
                    "Database: the embedded PostgreSQL in {} came from an earlier version and accepted logins "
                            + "without a password; its superuser now has the password generated into {} (mode 0600), "
                            + "which every login needs",
                    pgData,
                    passwordFile.path());
        }
        log.info(
                "Database: embedded PostgreSQL on {}:{} with data in {}, superuser password in {} (set "
                        + "SPRING_DATASOURCE_URL to use an external PostgreSQL)",
                LOOPBACK,
                postgres.getPort(),
                pgData,
                passwordFile.path());
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, ServiceProperties service) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl(postgres));
        dataSource.setUsername(SUPERUSER);
        dataSource.setPassword(passwordFile(service.dataDir()).readOrCreate());
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }

    /**
     * Sets the superuser's password (pgjdbc sends only its SCRAM verifier, so the password never
     * reaches the server's log) and then switches {@code pg_hba.conf} to passwords only.
     */
    private static void requirePassword(
            EmbeddedPostgres postgres, String password, HostBasedAuthentication authentication) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(postgres), SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            connection
                    .unwrap(PGConnection.class)
                    .alterUserPassword(
                            SUPERUSER,
                            password.toCharArray(),
                            HostBasedAuthentication.PASSWORD_METHOD);
            authentication.requirePassword();
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot set the password of the embedded PostgreSQL", e);
        }
    }

    private static DatabasePasswordFile passwordFile(Path dataDir) {
        return new DatabasePasswordFile(dataDir.resolve("pg.password"));
    }

    private static String jdbcUrl(EmbeddedPostgres postgres) {
        return "jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/postgres";
    }
}
