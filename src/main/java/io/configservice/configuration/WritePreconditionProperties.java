package io.configservice.configuration;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where writes must name the version they change.
 *
 * @param requireIfMatch environments in which a write without {@code If-Match} or {@code
 *     expectedVersion} answers 428
 */
@ConfigurationProperties("configservice")
public record WritePreconditionProperties(@DefaultValue List<String> requireIfMatch) {}
