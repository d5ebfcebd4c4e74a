package io.configservice.security;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the service tokens.
 *
 * @param cacheTtl how long a token check is remembered; revocations end it at once on every replica
 * @param lastUsedFlushInterval how often the tokens' last use is written
 */
@Validated
@ConfigurationProperties("configservice.tokens")
public record TokenProperties(
        @DefaultValue("10s") @DurationMin(nanos = 0) Duration cacheTtl,
        @DefaultValue("30s") @DurationMin(millis = 1) Duration lastUsedFlushInterval) {}
