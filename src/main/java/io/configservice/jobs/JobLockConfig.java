package io.configservice.jobs;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database lock every {@link JobLock} takes: ShedLock's JDBC provider on table {@code
 * shedlock}.
 */
@Configuration(proxyBeanMethods = false)
class JobLockConfig {

    /**
     * Lock times come from the database clock, so replicas whose clocks drift still exclude each
     * other.
     */
    @Bean
    LockProvider jobLockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        .usingDbTime()
                        .build());
    }

    @Bean
    LockingTaskExecutor jobLocks(LockProvider jobLockProvider) {
        return new DefaultLockingTaskExecutor(jobLockProvider);
    }
}
