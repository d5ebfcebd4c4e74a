package io.configservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.actuate.endpoint.web.WebMvcEndpointHandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.util.pattern.PathPattern;

class RequestMappingOrderIntegrationTests extends IntegrationTest {

    @Autowired
    private PathFirstRequestMappingHandlerMapping api;

    @Autowired
    private WebMvcEndpointHandlerMapping actuator;

    @Test
    void theApiMappingComesFirstAndHoldsNoPathUnderTheActuator() {
        assertThat(api.getOrder()).isLessThan(actuator.getOrder());
        List<String> patterns = api.getHandlerMethods().keySet().stream()
                .map(info -> info.getPathPatternsCondition()).filter(Objects::nonNull)
                .flatMap((PathPatternsRequestCondition condition) -> condition.getPatterns().stream())
                .map(PathPattern::getPatternString).toList();
        assertThat(patterns).contains("/api/v1/configurations/{serviceId}")
                .noneMatch(pattern -> pattern.startsWith("/actuator"));
    }

    @Test
    void actuatorEndpointsStillAnswer() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }
}
