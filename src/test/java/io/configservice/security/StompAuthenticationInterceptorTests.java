package io.configservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.configservice.ratelimit.RateLimitDecision;
import io.configservice.ratelimit.RateLimiter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.WebSocketHandler;

class StompAuthenticationInterceptorTests {

    private static final Caller SERVICE =
            Caller.serviceToken("abcdefgh12345678", "billing-api", Scope.DEFAULT, null);
    private static final Caller ADMIN = Caller.adminToken("admin", null);
    private static final Caller UNSUBSCRIBED =
            Caller.serviceToken("abcdefgh12345679", "billing-api", Set.of(Scope.CONFIG_READ), null);
    private static final Caller AUDITOR = Caller.operator("alice", Set.of(Role.AUDITOR), null);
    private static final Caller READER = Caller.operator("bob", Set.of(Role.READER), null);
    private static final String ADDRESS = "10.1.2.3";
    private static final String BAD_TOKEN = "cst_abcdefghijklmnop.guessed";

    private final ServiceTokenService tokens = mock(ServiceTokenService.class);
    private final OperatorTokens operators = mock(OperatorTokens.class);
    private final RateLimiter limiter = mock(RateLimiter.class);
    private final MessageChannel channel = mock(MessageChannel.class);
    private final StompAuthenticationInterceptor interceptor =
            new StompAuthenticationInterceptor(tokens, operators, limiter);

    @Test
    void refusedConnectSpendsTheFailedAuthenticationBudgetOfTheHandshakeAddress() {
        when(limiter.checkAuthenticationAttempt(ADDRESS)).thenReturn(RateLimitDecision.unlimited());
        when(tokens.authenticate(BAD_TOKEN)).thenReturn(Optional.empty());
        when(limiter.recordFailedAuthentication(ADDRESS)).thenReturn(RateLimitDecision.unlimited());

        assertThatThrownBy(
                        () ->
                                interceptor.preSend(
                                        connect(Map.of("X-Service-Token", BAD_TOKEN)), channel))
                .isInstanceOf(MessageDeliveryException.class)
                .hasMessageContaining("missing or invalid")
                .message()
                .doesNotContain(BAD_TOKEN);
        verify(limiter).recordFailedAuthentication(ADDRESS);
    }

    @Test
    void connectWithoutCredentialsCountsAsAFailedAuthentication() {
        when(limiter.checkAuthenticationAttempt(ADDRESS)).thenReturn(RateLimitDecision.unlimited());
        when(limiter.recordFailedAuthentication(ADDRESS)).thenReturn(RateLimitDecision.unlimited());

        assertThatThrownBy(() -> interceptor.preSend(connect(Map.of()), channel))
                .isInstanceOf(MessageDeliveryException.class);
        verify(limiter).recordFailedAuthentication(ADDRESS);
    }

    @Test
    void connectFromAnAddressOverTheLimitIsRefusedBeforeTheTokenIsChecked() {
        when(limiter.checkAuthenticationAttempt(ADDRESS))
                .thenReturn(new RateLimitDecision(false, 20, 0, 42));

        assertThatThrownBy(
                        () ->
                                interceptor.preSend(
                                        connect(Map.of("X-Service-Token", BAD_TOKEN)), channel))
                .isInstanceOf(MessageDeliveryException.class)
                .hasMessage(
                        "Too many failed authentication attempts from this address; retry after 42 seconds");
        verifyNoInteractions(tokens, operators);
        verify(limiter, never()).recordFailedAuthentication(ADDRESS);
    }

    @Test
    void failureBeyondTheBudgetIsAnsweredAsTooMany() {
        when(limiter.checkAuthenticationAttempt(ADDRESS)).thenReturn(RateLimitDecision.unlimited());
        when(tokens.authenticate(BAD_TOKEN)).thenReturn(Optional.empty());
        when(limiter.recordFailedAuthentication(ADDRESS))
                .thenReturn(new RateLimitDecision(false, 20, 0, 3));

        assertThatThrownBy(
                        () ->
                                interceptor.preSend(
                                        connect(Map.of("X-Service-Token", BAD_TOKEN)), channel))
                .hasMessageContaining("Too many failed authentication attempts");
    }

    @Test
    void acceptedConnectAuthenticatesTheSessionAndSpendsNoFailure() {
        when(limiter.checkAuthenticationAttempt(ADDRESS)).thenReturn(RateLimitDecision.unlimited());
        when(tokens.authenticate("good")).thenReturn(Optional.of(SERVICE));

        Message<?> accepted =
                interceptor.preSend(connect(Map.of("X-Service-Token", "good")), channel);

        assertThat(
                        StompAuthenticationInterceptor.callerOf(
                                StompHeaderAccessor.wrap(accepted).getUser()))
                .isEqualTo(SERVICE);
        verify(limiter, never()).recordFailedAuthentication(ADDRESS);
    }

    /** A CONNECT of a session whose handshake came from {@link #ADDRESS}. */
    private static Message<byte[]> connect(Map<String, String> nativeHeaders) {
        MockHttpServletRequest handshake = new MockHttpServletRequest("GET", "/ws");
        handshake.setRemoteAddr(ADDRESS);
        Map<String, Object> attributes = new HashMap<>();
        new ClientAddressHandshakeInterceptor()
                .beforeHandshake(
                        new ServletServerHttpRequest(handshake),
                        new ServletServerHttpResponse(new MockHttpServletResponse()),
                        mock(WebSocketHandler.class),
                        attributes);
        StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.CONNECT);
        nativeHeaders.forEach(accessor::addNativeHeader);
        accessor.setSessionId("s-1");
        accessor.setSessionAttributes(attributes);
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }

    @Test
    void serviceMaySubscribeToOwnConfigTopic() {
        assertThat(
                        StompAuthenticationInterceptor.maySubscribe(
                                SERVICE, "/topic/config.billing-api.production"))
                .isTrue();
    }

    @Test
    void serviceMaySubscribeToOwnCredentialsTopic() {
        assertThat(
                        StompAuthenticationInterceptor.maySubscribe(
                                SERVICE, "/topic/credentials.billing-api.staging"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/topic/config.orders-api.production",
                "/topic/credentials.orders-api.staging",
                "/topic/config.billing.production", // prefix of the own id
                "/topic/config.billing-api-v2.production" // own id as prefix
            })
    void serviceMayNotSubscribeToAnotherServicesTopic(String destination) {
        assertThat(StompAuthenticationInterceptor.maySubscribe(SERVICE, destination)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
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
        assertThat(
                        StompAuthenticationInterceptor.maySubscribe(
                                UNSUBSCRIBED, "/topic/config.billing-api.production"))
                .isFalse();
    }

    @Test
    void readerMaySubscribeToAnyTopicButAuditorToNone() {
        assertThat(
                        StompAuthenticationInterceptor.maySubscribe(
                                READER, "/topic/config.orders-api.production"))
                .isTrue();
        assertThat(
                        StompAuthenticationInterceptor.maySubscribe(
                                AUDITOR, "/topic/config.orders-api.production"))
                .isFalse();
    }

    @Test
    void nobodyMaySubscribeWithoutDestination() {
        assertThat(StompAuthenticationInterceptor.maySubscribe(SERVICE, null)).isFalse();
        assertThat(StompAuthenticationInterceptor.maySubscribe(ADMIN, null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/topic/environments",
                "/topic/config.billing-api.production",
                "/topic/credentials.orders-api.staging",
                "/topic/anything.at.all"
            })
    void adminMaySubscribeToAnyTopic(String destination) {
        assertThat(StompAuthenticationInterceptor.maySubscribe(ADMIN, destination)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/queue/x",
                "/user/queue/errors",
                "/app/config",
                "/topicx/config",
                "topic/environments",
                ""
            })
    void adminMayNotSubscribeOutsideTopics(String destination) {
        assertThat(StompAuthenticationInterceptor.maySubscribe(ADMIN, destination)).isFalse();
    }
}
