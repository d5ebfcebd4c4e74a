package io.configservice.security;

import io.configservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.StatusAssertions;

/**
 * Spring Security's response headers on every kind of answer: a hot read (200 and 304), a read a
 * controller answers, an error of the application's handlers, and the entry point's 401.
 */
class SecurityHeadersIntegrationTests extends IntegrationTest {

    private String serviceId;
    private RestTestClient client;

    @BeforeEach
    void configuration() {
        serviceId = uniqueServiceId("headers");
        createConfiguration(serviceId, "{\"feature\":true}");
        client = as(issueToken(serviceId));
    }

    @Test
    void aHotReadAndItsNotModifiedCarryTheSameHeaders() {
        String tag =
                expectSecurityHeaders(get(client, "/api/v1/configurations/{id}").isOk())
                        .returnResult()
                        .getResponseHeaders()
                        .getETag();

        expectSecurityHeaders(
                client.method(HttpMethod.GET)
                        .uri("/api/v1/configurations/{id}", serviceId)
                        .header(HttpHeaders.IF_NONE_MATCH, tag)
                        .exchange()
                        .expectStatus()
                        .isNotModified());
    }

    @Test
    void controllerAnswersAndErrorsCarryThem() {
        expectSecurityHeaders(get(client, "/api/v1/configurations/{id}?version=1").isOk());
        expectSecurityHeaders(
                get(client, "/api/v1/configurations/{id}?environment=nowhere").isBadRequest());
        expectSecurityHeaders(get(http, "/api/v1/configurations/{id}").isUnauthorized());
    }

    private StatusAssertions get(RestTestClient as, String uri) {
        return as.method(HttpMethod.GET).uri(uri, serviceId).exchange().expectStatus();
    }

    private static RestTestClient.BodySpec<byte[], ?> expectSecurityHeaders(
            RestTestClient.ResponseSpec response) {
        return response.expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("X-XSS-Protection", "0")
                .expectHeader()
                .valueEquals(
                        HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate")
                .expectHeader()
                .valueEquals(HttpHeaders.PRAGMA, "no-cache")
                .expectHeader()
                .valueEquals(HttpHeaders.EXPIRES, "0")
                .expectBody(byte[].class);
    }
}
