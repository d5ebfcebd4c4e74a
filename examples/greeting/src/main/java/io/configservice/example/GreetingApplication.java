package io.configservice.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A web application whose greeting comes from the config service ({@code
 * spring.config.import=configservice:}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GreetingApplication {

    public static void main(String[] args) {
        SpringApplication.run(GreetingApplication.class, args);
    }
}
