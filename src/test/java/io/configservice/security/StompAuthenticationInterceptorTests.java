package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StompAuthenticationInterceptorTests {

    private static final Caller SERVICE = new Caller("abcdefgh12345678", "billing-api", false);
    private static final Caller ADMIN = new Caller("admin", null, true);

    @Test
    void serviceMaySubscribeToOwnConfigTopic() {
        assertThat(StompAuthenticationInterceptor.maySubscribe(SERVICE, "/topic/config.billing-api.production"))
                .isTrue();
    }

    @Test
    void serviceMaySubscribeToOwnCredentialsTopic() {
        assertThat(StompAuthenticationInterceptor.maySubscribe(SERVICE, "/topic/credentials.billing-api.staging"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/topic/config.orders-api.production",
        "/topic/credentials.orders-api.staging",
        "/topic/config.billing.production", // prefix of the own id
        "/topic/config.billing-api-v2.production" // own id as prefix
    })
    void serviceMayNotSubscribeToAnotherServicesTopic(String destination) {
        assertThat(StompAuthenticationInterceptor.maySubscribe(SERVICE, destination)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/topic/environments",
        "/topic/config.billing-api",
        "/topic/config.billing-api.",
        "/topic/config.billing-api.production.extra",
        "/topic/audit.billing-api.production",
        "/queue/config.billing-api.production",
        "/user/queue/config.billing-api.production",
        "/topic/config.billing-api.prod/uction",
        "topic/config.billing-api.production",
        "/topic/config.billing-api.production ",
        ""
    })
    void serviceMayNotSubscribeToOtherDestinations(String destination) {
        assertThat(StompAuthenticationInterceptor.maySubscribe(SERVICE, destination)).isFalse();
    }

    @Test
    void nobodyMaySubscribeWithoutDestination() {
        assertThat(StompAuthenticationInterceptor.maySubscribe(SERVICE, null)).isFalse();
        assertThat(StompAuthenticationInterceptor.maySubscribe(ADMIN, null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/topic/environments",
        "/topic/config.billing-api.production",
        "/topic/credentials.orders-api.staging",
        "/topic/anything.at.all"
    })
    void adminMaySubscribeToAnyTopic(String destination) {
        assertThat(StompAuthenticationInterceptor.maySubscribe(ADMIN, destination)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/queue/x", "/user/queue/errors", "/app/config", "/topicx/config", "topic/environments", ""})
    void adminMayNotSubscribeOutsideTopics(String destination) {
        assertThat(StompAuthenticationInterceptor.maySubscribe(ADMIN, destination)).isFalse();
    }
}
