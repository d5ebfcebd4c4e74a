package io.configservice.approval;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the change approvals.
 *
 * @param sweepInterval how often pending change requests past their expiry are marked expired (also
 *     the delay of the first run)
 */
@Validated
@ConfigurationProperties("configservice.approvals")
public record ApprovalProperties(
        @DefaultValue("1m") @DurationMin(millis = 1) Duration sweepInterval) {}
