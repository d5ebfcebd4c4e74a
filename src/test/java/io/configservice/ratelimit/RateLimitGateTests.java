package io.configservice.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.configservice.web.ApiErrorWriter;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The servlet side: headers, the 429 envelope, and the exempt paths. */
class RateLimitGateTests {

    private final RateLimitGate gate =
            new RateLimitGate(
                    new RateLimiter(
                            new RateLimitProperties(
                                    true,
                                    1,
                                    Duration.ofMinutes(1),
                                    1,
                                    Duration.ofMinutes(1),
                                    1,
                                    Duration.ofMinutes(1),
                                    "ratelimit:",
                                    100,
                                    5),
                            new LocalBucketStore(
                                    100, Duration.ofMinutes(5), TimeMeter.SYSTEM_NANOTIME),
                            new SimpleMeterRegistry(),
                            TimeMeter.SYSTEM_NANOTIME),
                    new ApiErrorWriter(JsonMapper.builder().build()));

    @Test
    void allowedRequestCarriesLimitHeadersAndRefusedOneTheEnvelopeWithRetryAfter()
            throws Exception {
        MockHttpServletResponse first = new MockHttpServletResponse();
        assertThat(gate.admitToken("t1", request("/api/v1/configurations/x"), first)).isTrue();
        assertThat(first.getHeader("X-RateLimit-Limit")).isEqualTo("1");
        assertThat(first.getHeader("X-RateLimit-Remaining")).isEqualTo("0");

        MockHttpServletResponse second = new MockHttpServletResponse();
        assertThat(gate.admitToken("t1", request("/api/v1/configurations/x"), second)).isFalse();
        assertThat(second.getStatus()).isEqualTo(429);
        assertThat(second.getHeader("Retry-After")).isEqualTo("60");
        assertThat(second.getHeader("X-RateLimit-Limit")).isEqualTo("1");
        assertThat(second.getHeader("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(second.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
    }

    @Test
    void healthActuatorAndApiDocsAreNotLimited() throws Exception {
        for (String path :
                new String[] {
                    "/api/v1/health",
                    "/actuator/health/liveness",
                    "/actuator/prometheus",
                    "/v3/api-docs",
                    "/v3/api-docs.yaml",
                    "/swagger-ui.html",
                    "/swagger-ui/index.html"
                }) {
            for (int i = 0; i < 3; i++) {
                MockHttpServletResponse response = new MockHttpServletResponse();
                assertThat(gate.admitAnonymous(request(path), response)).as(path).isTrue();
                assertThat(gate.admitToken("t1", request(path), response)).as(path).isTrue();
                assertThat(response.getHeader("X-RateLimit-Limit")).isNull();
            }
        }
        assertThat(
                        gate.admitAnonymous(
                                request("/api/v1/configurations/x"), new MockHttpServletResponse()))
                .isTrue();
        assertThat(
                        gate.admitAnonymous(
                                request("/api/v1/configurations/x"), new MockHttpServletResponse()))
                .isFalse();
    }

    @Test
    void failedAuthenticationsAreLimitedOnExemptPathsToo() throws Exception {
        assertThat(
                        gate.admitFailedAuthentication(
                                request("/api/v1/health"), new MockHttpServletResponse()))
                .isTrue();
        MockHttpServletResponse blocked = new MockHttpServletResponse();
        assertThat(gate.admitAuthenticationAttempt(request("/api/v1/health"), blocked)).isFalse();
        assertThat(blocked.getStatus()).isEqualTo(429);
        assertThat(blocked.getContentAsString()).contains("failed authentication");
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr("10.1.2.3");
        return request;
    }
}
