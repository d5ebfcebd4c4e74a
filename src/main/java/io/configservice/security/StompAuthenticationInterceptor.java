package io.configservice.security;

import io.configservice.identifiers.Identifiers;
import io.configservice.ratelimit.RateLimitDecision;
import io.configservice.ratelimit.RateLimiter;
import java.security.Principal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Authenticates STOMP CONNECT frames by their {@code X-Service-Token} native header (or {@code
 * Authorization: Bearer} with an operator JWT) and authorizes SUBSCRIBE: a service token with
 * {@code events:subscribe} may subscribe to its own service's {@code config.} and {@code
 * credentials.} topics only; readers and up to any topic. Every later frame of a session whose
 * token was revoked or expired meanwhile is refused too. A refused frame ends in an ERROR frame and
 * a closed session.
 *
 * <p>A refused CONNECT (credentials missing or invalid) spends the failed-authentication budget of
 * the handshake's client address in the {@link RateLimiter} HTTP uses; while that address is over
 * its limit, CONNECT is refused before any token is checked.
 */
@Component
public class StompAuthenticationInterceptor implements ChannelInterceptor {

    private static final Pattern SERVICE_TOPIC =
            Pattern.compile(
                    "^/topic/(?:config|credentials)\\.("
                            + Identifiers.unanchored(Identifiers.SERVICE_ID)
                            + ")\\.[A-Za-z0-9_-]{1,50}$");
    private static final String BEARER = "Bearer ";

    private final ServiceTokenService tokenService;
    private final OperatorTokens operatorTokens;
    private final RateLimiter rateLimiter;

    StompAuthenticationInterceptor(
            ServiceTokenService tokenService,
            OperatorTokens operatorTokens,
            RateLimiter rateLimiter) {
        this.tokenService = tokenService;
        this.operatorTokens = operatorTokens;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor =
                MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        StompCommand command = accessor.getCommand();
        if (command == StompCommand.CONNECT || command == StompCommand.STOMP) {
            accessor.setUser(new CallerAuthentication(connectingCaller(accessor)));
        } else if (command == StompCommand.SUBSCRIBE || command == StompCommand.SEND) {
            Caller caller = callerOf(accessor.getUser());
            if (caller == null || !tokenService.stillValid(caller)) {
                throw new MessageDeliveryException(
                        "Frame refused, the session's credential was revoked or expired");
            }
            if (command == StompCommand.SUBSCRIBE
                    && !maySubscribe(caller, accessor.getDestination())) {
                throw new MessageDeliveryException(
                        "SUBSCRIBE refused, this caller may not subscribe to "
                                + accessor.getDestination());
            }
        }
        return message;
    }

    private Caller connectingCaller(StompHeaderAccessor accessor) {
        String address =
                ClientAddressHandshakeInterceptor.clientAddress(accessor.getSessionAttributes());
        RateLimitDecision attempt = rateLimiter.checkAuthenticationAttempt(address);
        if (!attempt.allowed()) {
            throw tooManyFailures(attempt);
        }
        Optional<Caller> caller = authenticate(accessor);
        if (caller.isPresent()) {
            return caller.get();
        }
        RateLimitDecision failure = rateLimiter.recordFailedAuthentication(address);
        if (!failure.allowed()) {
            throw tooManyFailures(failure);
        }
        throw new MessageDeliveryException(
                "CONNECT refused, the X-Service-Token or Authorization header is missing or invalid");
    }

    private static MessageDeliveryException tooManyFailures(RateLimitDecision decision) {
        return new MessageDeliveryException(
                "Too many failed authentication attempts from this address; retry after "
                        + decision.retryAfterSeconds()
                        + " seconds");
    }

    private Optional<Caller> authenticate(StompHeaderAccessor accessor) {
        String serviceToken =
                accessor.getFirstNativeHeader(ServiceTokenAuthenticationFilter.HEADER);
        if (serviceToken != null) {
            return tokenService.authenticate(serviceToken);
        }
        String authorization = accessor.getFirstNativeHeader("Authorization");
        if (authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return operatorTokens.authenticate(authorization.substring(BEARER.length()).trim());
        }
        return Optional.empty();
    }

    static boolean maySubscribe(Caller caller, @Nullable String destination) {
        if (destination == null) {
            return false;
        }
        if (caller.has(Role.READER)) {
            return destination.startsWith("/topic/");
        }
        Matcher m = SERVICE_TOPIC.matcher(destination);
        return m.matches() && caller.maySubscribe(m.group(1));
    }

    /** The caller a STOMP session authenticated as, if any. */
    public static @Nullable Caller callerOf(@Nullable Principal user) {
        if (user instanceof CallerAuthentication authentication) {
            return authentication.getPrincipal();
        }
        return null;
    }
}
