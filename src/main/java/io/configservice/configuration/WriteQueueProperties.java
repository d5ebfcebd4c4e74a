package io.configservice.configuration;

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
 */
@Validated
@ConfigurationProperties("configservice.write-queue")
public record WriteQueueProperties(
        @DefaultValue("10s") @DurationMin(millis = 1) Duration timeout) {}
