package io.configservice.credential;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The database lock (ShedLock's JDBC provider, table {@code shedlock}) and the maintenance job that runs under it. */
@Configuration(proxyBeanMethods = false)
class CredentialSchedulingConfig {

    static final String MAINTENANCE_LOCK = "credential-maintenance";

    /** Lock times come from the database clock, so replicas whose clocks drift still exclude each other. */
    @Bean
    LockProvider credentialLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
    }

    @Bean
    CredentialMaintenanceJob credentialMaintenanceJob(CredentialRotationService rotations,
            LockProvider credentialLockProvider, CredentialProperties properties) {
        return new CredentialMaintenanceJob(rotations, new DefaultLockingTaskExecutor(credentialLockProvider),
                MAINTENANCE_LOCK, properties.maintenanceLockAtMostFor(), properties.maintenanceLockAtLeastFor());
    }
}
