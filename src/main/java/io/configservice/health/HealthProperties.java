package io.configservice.health;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code GET /api/v1/health} and of the actuator's {@code db} indicator.
 *
 * @param checkInterval how long one round of dependency checks answers every health request and
 *     probe; however many requests arrive, each dependency is checked at most once per interval.
 *     {@code 0s} checks on every request.
 */
@Validated
@ConfigurationProperties("configservice.health")
public record HealthProperties(
        @DefaultValue("2s") @DurationMin(nanos = 0) Duration checkInterval) {}
