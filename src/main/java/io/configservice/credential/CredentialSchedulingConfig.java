package io.configservice.credential;

import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The maintenance job and the job lock it runs under. */
@Configuration(proxyBeanMethods = false)
class CredentialSchedulingConfig {

    static final String MAINTENANCE_LOCK = "credential-maintenance";

    @Bean
    CredentialMaintenanceJob credentialMaintenanceJob(
            CredentialRotationService rotations,
            LockingTaskExecutor jobLocks,
            CredentialProperties properties) {
        return new CredentialMaintenanceJob(
                rotations,
                jobLocks,
                MAINTENANCE_LOCK,
                properties.maintenanceLockAtMostFor(),
                properties.maintenanceLockAtLeastFor());
    }
}
