package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StompAuthenticationInterceptorTests {

    private static final Caller SERVICE = Caller.serviceToken("abcdefgh12345678", "billing-api", Scope.DEFAULT, null);
    private static final Caller ADMIN = Caller.adminToken("admin", null);
    private static final Caller UNSUBSCRIBED = Caller.serviceToken("abcdefgh12345679", "billing-api",
            Set.of(Scope.CONFIG_READ), null);
    private static final Caller AUDITOR = Caller.operator("alice", Set.of(Role.AUDITOR), null);
    private static final Caller READER = Caller.operator("bob", Set.of(Role.READER), null);

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
    void serviceTokenWithoutSubscribeScopeMayNotSubscribe() {
        assertThat(StompAuthenticationInterceptor.maySubscribe(UNSUBSCRIBED, "/topic/config.billing-api.production"))
                .isFalse();
    }

    @Test
    void readerMaySubscribeToAnyTopicButAuditorToNone() {
        assertThat(StompAuthenticationInterceptor.maySubscribe(READER, "/topic/config.orders-api.production"))
                .isTrue();
        assertThat(StompAuthenticationInterceptor.maySubscribe(AUDITOR, "/topic/config.orders-api.production"))
                .isFalse();
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
