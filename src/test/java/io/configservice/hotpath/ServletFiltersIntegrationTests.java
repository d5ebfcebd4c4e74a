package io.configservice.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.support.IntegrationTest;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.CharacterEncodingFilter;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

class ServletFiltersIntegrationTests extends IntegrationTest {

    @Autowired ServletContext servletContext;

    @Test
    void neitherTheRequestContextNorTheCharacterEncodingFilterRunsOnRequests() {
        List<Class<?>> filters =
                servletContext.getFilterRegistrations().values().stream()
                        .map(FilterRegistration::getClassName)
                        .<Class<?>>map(name -> ClassUtils.resolveClassName(name, null))
                        .toList();

        assertThat(filters)
                .anyMatch(ServerHttpObservationFilter.class::isAssignableFrom)
                .noneMatch(RequestContextFilter.class::isAssignableFrom)
                .noneMatch(CharacterEncodingFilter.class::isAssignableFrom);
    }

    @Test
    void requestBodiesWithoutACharsetAreUtf8() {
        assertThat(servletContext.getRequestCharacterEncoding()).isEqualTo("UTF-8");
        String serviceId = uniqueServiceId("utf8-bodies");
        createConfiguration(serviceId, "{\"greeting\":\"Grüße aus Köln €\"}");

        as(issueToken(serviceId))
                .method(HttpMethod.GET)
                .uri("/api/v1/configurations/{id}", serviceId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.greeting")
                .isEqualTo("Grüße aus Köln €");
    }
}
