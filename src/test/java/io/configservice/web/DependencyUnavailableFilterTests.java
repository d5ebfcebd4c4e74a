package io.configservice.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import tools.jackson.databind.json.JsonMapper;

class DependencyUnavailableFilterTests {

    private final DependencyUnavailableFilter filter =
            new DependencyUnavailableFilter(new ApiErrorWriter(JsonMapper.builder().build()));

    @Test
    void anOutageThrownByALaterFilterAnswers503WithRetryAfter() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain tokenCheck =
                (request, ignored) -> {
                    throw new CannotCreateTransactionException(
                            "Could not open JPA EntityManager for transaction");
                };

        filter.doFilter(
                new MockHttpServletRequest("GET", "/api/v1/configurations/x"),
                response,
                tokenCheck);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER))
                .isEqualTo(DependencyFailures.RETRY_AFTER_SECONDS);
        assertThat(response.getContentAsString()).contains("\"code\":\"DEPENDENCY_UNAVAILABLE\"");
    }

    @Test
    void anyOtherFailurePassesOnUnchanged() {
        FilterChain buggy =
                (request, response) -> {
                    throw new IllegalStateException("bug");
                };

        assertThatThrownBy(
                        () ->
                                filter.doFilter(
                                        new MockHttpServletRequest(
                                                "GET", "/api/v1/configurations/x"),
                                        new MockHttpServletResponse(),
                                        buggy))
                .isInstanceOf(IllegalStateException.class);
    }
}
