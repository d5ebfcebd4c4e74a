package io.configservice.example;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code greeting.*} from the config service. A record cannot change in place: the starter binds it
 * anew after each change, and refresh-scoped beans created afterwards (the {@link Greeter}) get the
 * new instance.
 *
 * @param salutation the word before the name
 * @param name who is greeted
 */
@ConfigurationProperties("greeting")
public record GreetingProperties(
        @DefaultValue("Hello") String salutation, @DefaultValue("world") String name) {}
