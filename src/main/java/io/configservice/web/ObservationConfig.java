package io.configservice.web;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps one observation per request ({@code http.server.requests}: the request metrics) and drops Spring Security's
 * observation of every filter and authorization step, which on the hot read path cost more CPU than the read itself
 * (a JFR profile of cached reads: about a third of all samples) and feed no metric or alert of ours.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfig {

    @Bean
    ObservationPredicate noSpringSecurityObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }
}
