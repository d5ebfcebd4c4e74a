package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.configservice.ratelimit.RateLimitGate;
import io.configservice.web.ApiErrorWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class ServiceTokenAuthenticationFilterTests {

    private final ServiceTokenService tokens = mock(ServiceTokenService.class);
    private final RateLimitGate unlimited = mock(RateLimitGate.class);
    private final ServiceTokenAuthenticationFilter filter =
            new ServiceTokenAuthenticationFilter(
                    tokens, new ApiErrorWriter(JsonMapper.builder().build()), unlimited);

    @BeforeEach
    void admitEverything() throws Exception {
        when(unlimited.admitAnonymous(any(), any())).thenReturn(true);
        when(unlimited.admitAuthenticationAttempt(any(), any())).thenReturn(true);
        when(unlimited.admitFailedAuthentication(any(), any())).thenReturn(true);
        when(unlimited.admitToken(any(), any(), any())).thenReturn(true);
    }

    @Test
    void databaseOutageWhileCheckingATokenAnswers503WithRetryAfter() throws Exception {
        when(tokens.authenticate("some-token"))
                .thenThrow(new DataAccessResourceFailureException("down"));
        MockHttpServletRequest request =
                new MockHttpServletRequest("GET", "/api/v1/configurations/x");
        request.addHeader("X-Service-Token", "some-token");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString())
                .contains("\"code\":\"DEPENDENCY_UNAVAILABLE\"")
                .doesNotContain("down");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void unknownTokenAnswers401AndStopsTheChain() throws Exception {
        MockHttpServletRequest request =
                new MockHttpServletRequest("GET", "/api/v1/configurations/x");
        request.addHeader("X-Service-Token", "unknown");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("\"code\":\"UNAUTHORIZED\"");
        assertThat(chain.getRequest()).isNull();
    }
}
