package io.configservice.events;

import io.configservice.security.StompAuthenticationInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over WebSocket at {@code /ws}, with the in-process simple broker for {@code /topic} destinations and
 * heart-beats every 10 s. CONNECT frames are authenticated and SUBSCRIBE frames authorized by
 * {@link StompAuthenticationInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebSocketConfig.class);
    private static final long[] HEARTBEAT_MILLIS = {10_000, 10_000};

    private final StompAuthenticationInterceptor authentication;

    WebSocketConfig(StompAuthenticationInterceptor authentication) {
        this.authentication = authentication;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOriginPatterns("*");
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
        heartbeats.setPoolSize(1);
        heartbeats.setThreadNamePrefix("stomp-heartbeat-");
        heartbeats.initialize();
        registry.enableSimpleBroker("/topic").setHeartbeatValue(HEARTBEAT_MILLIS).setTaskScheduler(heartbeats);
        registry.setApplicationDestinationPrefixes("/app");
        log.info("STOMP broker: in-process simple broker (no BROKER_RELAY_HOST set)");
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(authentication);
    }
}
