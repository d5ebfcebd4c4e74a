package io.configservice.compat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application as a team migrating from Spring Cloud Config has it: nothing but stock
 * Spring Cloud (Config client, Bus over AMQP), a {@code @Value} in a {@code @RefreshScope} bean and
 * a {@code @ConfigurationProperties} bean. Only its configuration (the server URL and the token
 * header) is new.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(ClientApplication.AppProperties.class)
class ClientApplication {

    @Bean
    @RefreshScope
    Greeting greeting(@Value("${greeting:#{null}}") String text) {
        return new Greeting(text);
    }

    /**
     * Holds a {@code @Value}; a new instance is made on the next use after a refresh (so not a
     * final record).
     */
    static class Greeting {

        private final String text;

        Greeting(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Bound from {@code app.*}; rebound in place on a refresh. */
    @ConfigurationProperties("app")
    static class AppProperties {

        private int timeout;
        private List<String> servers = new ArrayList<>();

        public int getTimeout() {
            return timeout;
        }

        public void setTimeout(int timeout) {
            this.timeout = timeout;
        }

        public List<String> getServers() {
            return servers;
        }

        public void setServers(List<String> servers) {
            this.servers = servers;
        }
    }
}
