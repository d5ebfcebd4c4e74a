package io.configservice.events;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and timing of the STOMP push channel.
 *
 * @param ackTimeout how long a message waits for its acknowledgment ({@code /app/ack}) before it is redelivered
 * @param maxRedeliveries how often an unacknowledged message is redelivered before it is given up
 * @param maxSessionsPerCaller STOMP sessions one caller (one service token, the admin token, one JWT subject) may hold
 *     open on one replica; a CONNECT beyond it is refused with an ERROR frame
 * @param maxUnacknowledgedPerSession messages one session may leave unacknowledged; one more ends the session with an
 *     ERROR frame, so a client that never acknowledges cannot grow the heap
 */
@Validated
@ConfigurationProperties("configservice.push")
public record PushProperties(@DefaultValue("30s") Duration ackTimeout,
        @DefaultValue("3") @Min(0) int maxRedeliveries,
        @DefaultValue("100") @Min(1) int maxSessionsPerCaller,
        @DefaultValue("1000") @Min(1) int maxUnacknowledgedPerSession) {
}
