package io.configservice.configuration.effective;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the stored effective configurations.
 *
 * @param changeLogSize effective changes kept per (service, environment) for {@code GET
 *     …/environments/{environment}/changes}; older ones are removed in the writing transaction, and
 *     a resume from before the oldest kept change answers 410 {@code RESYNC_REQUIRED}
 */
@Validated
@ConfigurationProperties("configservice.effective")
public record EffectiveProperties(@DefaultValue("1000") @Min(1) int changeLogSize) {}
