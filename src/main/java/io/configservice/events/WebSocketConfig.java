package io.configservice.events;

import io.configservice.security.ClientAddressHandshakeInterceptor;
import io.configservice.security.StompAuthenticationInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over WebSocket at {@code /ws} (SockJS fallback at {@code /ws-sockjs}) with heart-beats
 * every 10 s. {@code /topic} destinations go to RabbitMQ through the STOMP broker relay when {@code
 * BROKER_RELAY_HOST} is set (several replicas), else to the in-process simple broker. Destinations
 * use {@code .} as separator on both, so the spec's wildcards ({@code config.orders.*}, {@code
 * config.*.*}) mean the same. Frames from clients pass, in this order, {@link PushDrain} (a CONNECT
 * to a stopping replica is refused), {@link StompAuthenticationInterceptor} (CONNECT authenticated
 * and counted against the failed-authentication limit of the address the handshake came from,
 * SUBSCRIBE authorized), {@link ClientFrameGuard} (SEND only to {@code /app/ack}) and {@link
 * SessionLimits}; frames to clients pass {@link UnsignedFrameFilter} (only what {@link OutboxRelay}
 * signed), {@link FrameCoalescer} (of the frames about one subject a session has waiting, only the
 * newest is handed off; a session with too many waiting is ended) and then the {@link
 * AcknowledgmentTracker}, which must stay the last: it recognises a frame again at its hand-off by
 * the message's identity, and the coalescer tells it when it hands off a newer message instead. It
 * does not rely on the filter: it checks the signature itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebSocketConfig.class);
    static final String APPLICATION_PREFIX = "/app";
    private static final long[] HEARTBEAT_MILLIS = {10_000, 10_000};

    private final PushDrain drain;
    private final StompAuthenticationInterceptor authentication;
    private final ClientFrameGuard frameGuard;
    private final SessionLimits sessionLimits;
    private final UnsignedFrameFilter unsignedFrames;
    private final FrameCoalescer coalescer;
    private final AcknowledgmentTracker acknowledgments;
    private final ClientAddressHandshakeInterceptor clientAddress;
    private final BrokerRelayProperties relay;

    WebSocketConfig(
            PushDrain drain,
            StompAuthenticationInterceptor authentication,
            ClientFrameGuard frameGuard,
            SessionLimits sessionLimits,
            UnsignedFrameFilter unsignedFrames,
            FrameCoalescer coalescer,
            AcknowledgmentTracker acknowledgments,
            ClientAddressHandshakeInterceptor clientAddress,
            BrokerRelayProperties relay) {
        this.drain = drain;
        this.authentication = authentication;
        this.frameGuard = frameGuard;
        this.sessionLimits = sessionLimits;
        this.unsignedFrames = unsignedFrames;
        this.coalescer = coalescer;
        this.acknowledgments = acknowledgments;
        this.clientAddress = clientAddress;
        this.relay = relay;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").addInterceptors(clientAddress).setAllowedOriginPatterns("*");
        registry.addEndpoint("/ws-sockjs")
                .addInterceptors(clientAddress)
                .setAllowedOriginPatterns("*")
                .withSockJS();
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes(APPLICATION_PREFIX);
        registry.setPathMatcher(new AntPathMatcher("."));
        if (relay.enabled()) {
            registry.enableStompBrokerRelay("/topic")
                    .setRelayHost(relay.host())
                    .setRelayPort(relay.port())
                    .setClientLogin(relay.login())
                    .setClientPasscode(relay.passcode())
                    .setSystemLogin(relay.login())
                    .setSystemPasscode(relay.passcode())
                    .setVirtualHost(relay.virtualHost())
                    .setSystemHeartbeatSendInterval(HEARTBEAT_MILLIS[0])
                    .setSystemHeartbeatReceiveInterval(HEARTBEAT_MILLIS[1]);
            log.info("STOMP broker: RabbitMQ relay at {}:{}", relay.host(), relay.port());
            return;
        }
        ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
        heartbeats.setPoolSize(1);
        heartbeats.setThreadNamePrefix("stomp-heartbeat-");
        heartbeats.initialize();
        registry.enableSimpleBroker("/topic")
                .setHeartbeatValue(HEARTBEAT_MILLIS)
                .setTaskScheduler(heartbeats);
        log.info("STOMP broker: in-process simple broker (no BROKER_RELAY_HOST set)");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(drain, authentication, frameGuard, sessionLimits);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(unsignedFrames, coalescer, acknowledgments);
    }
}
