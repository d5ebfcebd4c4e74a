package io.configservice.configuration;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How writes to one service wait for each other on a replica ({@link ServiceWriteQueue}).
 *
 * @param concurrency how many writes to one service go on to the database at a time on this
 *     replica, each holding a pooled connection while it waits for the service's PostgreSQL lock;
 *     keep it well below the connection pool's size ({@code
 *     spring.datasource.hikari.maximum-pool-size}, 10), so a burst of writes to one service never
 *     takes the connections every other request needs
 * @param timeout how long a write to a service may wait for its turn on this replica before it is
 *     answered 503 {@code WRITE_CONTENTION}
 * @param maxWaiting how many writes to one service may wait for their turn on this replica; one
 *     more is answered 503 {@code WRITE_CONTENTION} at once, so that writes arriving faster than
 *     they can be made do not hold the server's request threads (Tomcat has 200)
 */
@Validated
@ConfigurationProperties("configservice.write-queue")
public record WriteQueueProperties(
        @DefaultValue("4") @Min(1) int concurrency,
        @DefaultValue("10s") @DurationMin(millis = 1) Duration timeout,
        @DefaultValue("100") @Min(0) int maxWaiting) {}
