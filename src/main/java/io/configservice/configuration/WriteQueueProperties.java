package io.configservice.configuration;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How writes to one service wait for each other on a replica ({@link ServiceWriteQueue}).
 *
 * @param timeout how long a write to a service may wait behind the earlier writes to the same
 *     service on this replica before it is answered 503 {@code WRITE_CONTENTION}
 * @param maxWaiting how many writes to one service may wait on this replica behind the one being
 *     made; one more is answered 503 {@code WRITE_CONTENTION} at once, so that writes arriving
 *     faster than they can be made do not hold the server's request threads
 */
@Validated
@ConfigurationProperties("configservice.write-queue")
public record WriteQueueProperties(
        @DefaultValue("10s") @DurationMin(millis = 1) Duration timeout,
        @DefaultValue("32") @Min(0) int maxWaiting) {}
