package io.configservice.audit;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the asynchronous writer of the configuration access log.
 *
 * @param queueCapacity reads waiting to be written; when full, a read writes its row itself
 * @param batchSize most rows written in one statement
 * @param flushInterval longest a queued row waits while the queue is quiet
 * @param linger how long the writer gathers rows for one batch unless it fills first (rows in
 *     fewer, larger statements)
 */
@Validated
@ConfigurationProperties("configservice.access-audit")
public record AccessAuditProperties(
        @DefaultValue("100000") @Min(1) int queueCapacity,
        @DefaultValue("500") @Min(1) int batchSize,
        @DefaultValue("500ms") @DurationMin(millis = 1) Duration flushInterval,
        @DefaultValue("50ms") @DurationMin(nanos = 0) Duration linger) {}
