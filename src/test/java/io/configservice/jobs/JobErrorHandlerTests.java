package io.configservice.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;

@ExtendWith(OutputCaptureExtension.class)
class JobErrorHandlerTests {

    private final JobErrorHandler handler = new JobErrorHandler();

    @Test
    void aDependencyOutageIsOneWarningLineWithoutStackTrace(CapturedOutput output) {
        handler.handleError(
                new DataAccessResourceFailureException(
                        "I/O error",
                        new SQLException(
                                "An I/O error occurred while sending to the backend", "08006")));

        assertThat(output.getOut())
                .contains("WARN")
                .contains("a dependency is unavailable")
                .doesNotContain("\tat ");
    }

    @Test
    void anyOtherFailureIsLoggedWithItsStackTrace(CapturedOutput output) {
        handler.handleError(new IllegalStateException("a bug"));

        assertThat(output.getOut())
                .contains("ERROR")
                .contains("Scheduled job failed")
                .contains("java.lang.IllegalStateException: a bug")
                .contains("\tat ");
    }
}
