package io.configservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class JsonGetRequestsTests {

    @ParameterizedTest
    @ValueSource(strings = {"environment=production", "environment=eu-west_1.a~b", "v=1", "a="})
    void aQueryOfOneUnreservedNameAndValueIsReadWithoutTheContainer(String query) {
        MockHttpServletRequest request = get(query);
        request.addParameter("read", "by the container");

        Map<String, String[]> parameters = JsonGetRequests.parameters(request);

        int equals = query.indexOf('=');
        assertThat(parameters).containsOnlyKeys(query.substring(0, equals));
        assertThat(parameters.get(query.substring(0, equals)))
                .containsExactly(query.substring(equals + 1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "environment=prod%75ction",
                "environment=a+b",
                "environment=a&environment=b",
                "environment=a;b",
                "environment",
                "=production",
                "environment=a=b",
                "envir%6Fnment=production",
                "environment=pr\u00f6d"
            })
    void anyOtherQueryIsParsedByTheContainer(String query) {
        MockHttpServletRequest request = get(query);
        request.addParameter("read", "by the container");

        assertThat(JsonGetRequests.parameters(request)).containsOnlyKeys("read");
    }

    @Test
    void aRequestWithoutQueryHasNoParameters() {
        MockHttpServletRequest request = get(null);
        request.addParameter("read", "by the container");

        assertThat(JsonGetRequests.parameters(request)).isEmpty();
    }

    private static MockHttpServletRequest get(String query) {
        MockHttpServletRequest request =
                new MockHttpServletRequest("GET", "/api/v1/configurations/orders");
        request.setQueryString(query);
        return request;
    }
}
