package io.configservice.example;

import java.time.Instant;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

/**
 * Re-created with the current {@link GreetingProperties} after each change of the configuration.
 */
@Component
@RefreshScope
public class Greeter {

    private final GreetingProperties properties;
    private final Instant createdAt = Instant.now();

    public Greeter(GreetingProperties properties) {
        this.properties = properties;
    }

    public String greeting() {
        return properties.salutation() + ", " + properties.name() + "!";
    }

    public Instant createdAt() {
        return createdAt;
    }
}
