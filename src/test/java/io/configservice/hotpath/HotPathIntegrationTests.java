package io.configservice.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.configuration.ConfigurationReadResponse;
import io.configservice.support.IntegrationTest;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The replacements are in place in the running application, where the framework's configuration
 * decides.
 */
class HotPathIntegrationTests extends IntegrationTest {

    @Autowired private PathFirstRequestMappingHandlerMapping api;

    @Autowired private RequestMappingHandlerAdapter adapter;

    @Test
    void theApplicationsMappingIsThePathFirstOneAndHoldsTheApi() {
        List<String> patterns =
                api.getHandlerMethods().keySet().stream()
                        .map(info -> info.getPathPatternsCondition())
                        .filter(Objects::nonNull)
                        .flatMap(
                                (PathPatternsRequestCondition condition) ->
                                        condition.getPatterns().stream())
                        .map(PathPattern::getPatternString)
                        .toList();
        assertThat(patterns).contains("/api/v1/configurations/{serviceId}");
    }

    @Test
    void theReadWriterComesBeforeTheJsonConverter() {
        List<HttpMessageConverter<?>> converters = adapter.getMessageConverters();
        int writer = indexOf(converters, ConfigurationReadResponseConverter.class);
        assertThat(writer).isNotNegative();
        Predicate<HttpMessageConverter<?>> writesTheReadAsJson =
                converter ->
                        converter.canWrite(
                                ConfigurationReadResponse.class, MediaType.APPLICATION_JSON);
        assertThat(converters.subList(0, writer)).noneMatch(writesTheReadAsJson);
        assertThat(converters.subList(writer + 1, converters.size())).anyMatch(writesTheReadAsJson);
    }

    private static int indexOf(List<HttpMessageConverter<?>> converters, Class<?> type) {
        for (int i = 0; i < converters.size(); i++) {
            if (type.isInstance(converters.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
