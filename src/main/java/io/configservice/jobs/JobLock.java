package io.configservice.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskWithResult;

/**
 * Lets one replica at a time run a job that only must not run twice at once: a ShedLock row in
 * PostgreSQL (table {@code shedlock}), held while the job runs, released when it returns but not
 * before {@code atLeastFor}, and given up by a replica that died holding it after {@code
 * atMostFor}. A lease like this may expire under a job that outruns it, so work whose correctness
 * needs the lock for exactly its transaction takes a transaction-scoped advisory lock instead (see
 * the architecture page, "Jobs, locks, retries, transactions").
 */
public final class JobLock {

    /**
     * The {@code atMostFor} of jobs that run hourly: only a replica that died while running one
     * holds its lock this long, and a run that outlasts it merely repeats work another replica may
     * start.
     */
    public static final Duration HOURLY_AT_MOST_FOR = Duration.ofMinutes(30);

    private final LockingTaskExecutor executor;
    private final String name;
    private final Duration atMostFor;
    private final Duration atLeastFor;

    public JobLock(
            LockingTaskExecutor executor, String name, Duration atMostFor, Duration atLeastFor) {
        this.executor = executor;
        this.name = name;
        this.atMostFor = atMostFor;
        this.atLeastFor = atLeastFor;
    }

    /**
     * Runs the job if this replica gets the lock and answers its result; empty when another replica
     * holds it.
     */
    public <T> Optional<T> runIfFree(Supplier<T> job) {
        TaskWithResult<T> task = job::get;
        TaskResult<T> result;
        try {
            result =
                    executor.executeWithLock(
                            task,
                            new LockConfiguration(Instant.now(), name, atMostFor, atLeastFor));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Job '" + name + "' failed", e);
        }
        return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
    }
}
