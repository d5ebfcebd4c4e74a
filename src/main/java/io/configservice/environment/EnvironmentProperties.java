package io.configservice.environment;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the environments.
 *
 * @param refreshInterval how often a replica rereads the active environments (changes made on it
 *     apply at once)
 */
@Validated
@ConfigurationProperties("configservice.environments")
public record EnvironmentProperties(
        @DefaultValue("30s") @DurationMin(millis = 1) Duration refreshInterval) {}
