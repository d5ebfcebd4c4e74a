package io.configservice.security;

import java.security.Principal;
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
 * Authenticates STOMP CONNECT frames by their {@code X-Service-Token} native header and authorizes SUBSCRIBE: a
 * service token may subscribe to its own service's {@code config.} and {@code credentials.} topics only, an admin to
 * any topic. A refused frame ends in an ERROR frame and a closed session.
 */
@Component
public class StompAuthenticationInterceptor implements ChannelInterceptor {

    private static final Pattern SERVICE_TOPIC =
            Pattern.compile("^/topic/(?:config|credentials)\\.([a-z0-9-]{1,100})\\.[A-Za-z0-9_-]{1,50}$");

    private final ServiceTokenService tokenService;

    StompAuthenticationInterceptor(ServiceTokenService tokenService) {
        this.tokenService = tokenService;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        if (accessor.getCommand() == StompCommand.CONNECT) {
            Caller caller = tokenService.authenticate(accessor.getFirstNativeHeader(ServiceTokenAuthenticationFilter.HEADER))
                    .orElseThrow(() -> new MessageDeliveryException(
                            "CONNECT refused, the X-Service-Token header is missing or invalid"));
            accessor.setUser(ServiceTokenAuthenticationFilter.authentication(caller));
        } else if (accessor.getCommand() == StompCommand.SUBSCRIBE) {
            Caller caller = callerOf(accessor.getUser());
            if (caller == null || !maySubscribe(caller, accessor.getDestination())) {
                throw new MessageDeliveryException(
                        "SUBSCRIBE refused, this token may not subscribe to " + accessor.getDestination());
            }
        }
        return message;
    }

    static boolean maySubscribe(Caller caller, @Nullable String destination) {
        if (destination == null) {
            return false;
        }
        if (caller.admin()) {
            return destination.startsWith("/topic/");
        }
        Matcher m = SERVICE_TOPIC.matcher(destination);
        return m.matches() && m.group(1).equals(caller.serviceId());
    }

    private static @Nullable Caller callerOf(@Nullable Principal user) {
        if (user instanceof org.springframework.security.core.Authentication authentication
                && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        return null;
    }
}
