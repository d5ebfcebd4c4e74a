package io.configservice.audit;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit chains' sealing.
 *
 * @param sealInterval how often unsealed audit rows are sealed into their chain (also the delay of
 *     the first run)
 */
@Validated
@ConfigurationProperties("configservice.audit")
public record AuditSealingProperties(
        @DefaultValue("500ms") @DurationMin(millis = 1) Duration sealInterval) {}
