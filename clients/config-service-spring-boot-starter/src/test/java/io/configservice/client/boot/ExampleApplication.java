package io.configservice.client.boot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.annotation.Bean;

/**
 * An application as a user writes it: JavaBean and record properties, a refresh-scoped bean with
 * {@code @Value}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties({
    ExampleApplication.ShopProperties.class,
    ExampleApplication.LimitsProperties.class
})
class ExampleApplication {

    @Bean
    @RefreshScope
    Greeter greeter(@Value("${shop.greeting:default}") String greeting, LimitsProperties limits) {
        return new Greeter(greeting, limits);
    }

    /** Mutable properties: rebound in place. */
    @ConfigurationProperties("shop")
    static class ShopProperties {

        private String greeting = "default";
        private int size;
        private String password = "";

        public String getGreeting() {
            return greeting;
        }

        public void setGreeting(String greeting) {
            this.greeting = greeting;
        }

        public int getSize() {
            return size;
        }

        public void setSize(int size) {
            this.size = size;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** Immutable properties: bound anew in the refresh scope. */
    @ConfigurationProperties("limits")
    record LimitsProperties(int max) {}

    /** A refresh-scoped bean: re-created with the current values after each change. */
    static class Greeter {

        private final String greeting;
        private final LimitsProperties limits;

        Greeter(String greeting, LimitsProperties limits) {
            this.greeting = greeting;
            this.limits = limits;
        }

        String greeting() {
            return greeting;
        }

        int max() {
            return limits.max();
        }
    }
}
