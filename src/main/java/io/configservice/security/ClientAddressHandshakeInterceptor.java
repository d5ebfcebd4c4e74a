package io.configservice.security;

import io.configservice.ratelimit.RateLimitGate;
import java.net.InetSocketAddress;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Keeps the client address of a WebSocket handshake in the session's attributes, taken the way HTTP
 * requests take it for their rate limits ({@link RateLimitGate#clientAddress}, which honours {@code
 * server.forward-headers-strategy}), so that {@link StompAuthenticationInterceptor} counts a
 * refused CONNECT against the same address.
 */
@Component
public class ClientAddressHandshakeInterceptor implements HandshakeInterceptor {

    private static final String ATTRIBUTE =
            ClientAddressHandshakeInterceptor.class.getName() + ".address";
    private static final String UNKNOWN = "unknown";

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        attributes.put(ATTRIBUTE, addressOf(request));
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            @Nullable Exception exception) {
        // nothing to do once the handshake is done
    }

    /**
     * The address a STOMP session's handshake came from; one shared "unknown" address if none was
     * recorded.
     */
    static String clientAddress(@Nullable Map<String, Object> sessionAttributes) {
        Object address = sessionAttributes == null ? null : sessionAttributes.get(ATTRIBUTE);
        return address instanceof String known ? known : UNKNOWN;
    }

    private static String addressOf(ServerHttpRequest request) {
        if (request instanceof ServletServerHttpRequest servlet) {
            return RateLimitGate.clientAddress(servlet.getServletRequest());
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? UNKNOWN
                : remote.getAddress().getHostAddress();
    }
}
