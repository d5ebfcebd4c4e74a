package io.configservice.jobs;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the {@code @Scheduled} jobs (audit sealing, retention, approval expiry, credential
 * maintenance, outbox cleanup, acknowledgment and session checks) on a scheduler of their own.
 * Without it they would run on the STOMP broker's task scheduler (Spring Boot backs off its own
 * scheduler when the WebSocket configuration defines one), so a job waiting for a dependency would
 * hold a thread the broker needs. Failed runs are reported by {@link JobErrorHandler}.
 */
@Configuration(proxyBeanMethods = false)
class JobSchedulingConfig implements SchedulingConfigurer {

    private static final int THREADS = 4;

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(THREADS);
        scheduler.setThreadNamePrefix("jobs-");
        scheduler.setErrorHandler(new JobErrorHandler());
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.initialize();
        registrar.setTaskScheduler(scheduler);
    }
}
