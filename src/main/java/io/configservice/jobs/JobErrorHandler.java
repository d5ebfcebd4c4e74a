package io.configservice.jobs;

import io.configservice.web.DependencyFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ErrorHandler;

/**
 * Reports a failed run of a scheduled job. A run that failed because PostgreSQL, Redis or the key
 * service could not serve is expected during an outage and retried at the job's next run: one
 * warning line without a stack trace, so an outage does not bury the log in traces. Anything else
 * is a bug and is logged with its stack trace.
 */
class JobErrorHandler implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(JobErrorHandler.class);

    @Override
    public void handleError(Throwable failure) {
        if (DependencyFailures.isDependencyUnavailable(failure)) {
            log.warn(
                    "Scheduled job skipped this run, a dependency is unavailable (retried at its next run): {}",
                    failure.toString());
        } else {
            log.error("Scheduled job failed", failure);
        }
    }
}
