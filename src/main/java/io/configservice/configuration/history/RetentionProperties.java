package io.configservice.configuration.history;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Timing of the pruning of configuration versions by the environments' retention policies.
 *
 * @param interval how often pruning runs
 * @param initialDelay how long after the start it runs first
 */
@Validated
@ConfigurationProperties("configservice.retention")
public record RetentionProperties(
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration interval,
        @DefaultValue("5m") @DurationMin(nanos = 0) Duration initialDelay) {}
