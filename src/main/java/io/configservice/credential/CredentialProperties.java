package io.configservice.credential;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the credential vault.
 *
 * @param defaultGracePeriod how long the previous value stays readable after a rotation without a
 *     policy
 * @param maxValueLength the longest value accepted, in characters
 * @param batchSize how many rows one step of scheduled rotation, version destruction or rewrapping
 *     handles
 * @param maintenanceLockAtMostFor how long a crashed replica can hold the maintenance lock
 * @param maintenanceLockAtLeastFor how long the maintenance lock is held at least, so replicas
 *     whose clocks or schedules differ a little do not run the job back to back
 * @param maintenanceInterval how often the maintenance job runs (also the delay of its first run)
 */
@Validated
@ConfigurationProperties("configservice.credentials")
public record CredentialProperties(
        @DefaultValue("24h") Duration defaultGracePeriod,
        @DefaultValue("65536") @Min(1) int maxValueLength,
        @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("10m") Duration maintenanceLockAtMostFor,
        @DefaultValue("5s") Duration maintenanceLockAtLeastFor,
        @DefaultValue("60s") @DurationMin(millis = 1) Duration maintenanceInterval) {}
