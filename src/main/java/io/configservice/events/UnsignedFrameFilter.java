package io.configservice.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * Drops every MESSAGE frame on its way to a client that {@link FrameSignatures} does not recognise
 * as published by this service, e.g. one injected into RabbitMQ by another publisher (counted in
 * {@code configservice.push.frames.dropped}), and every MESSAGE frame to a session {@link
 * ClientSessions} is ending. Other frames (CONNECTED, RECEIPT, ERROR) are the server's own.
 */
@Component
class UnsignedFrameFilter implements ChannelInterceptor {

    private final FrameSignatures signatures;
    private final ClientSessions sessions;
    private final Counter dropped;

    UnsignedFrameFilter(FrameSignatures signatures, ClientSessions sessions, MeterRegistry meters) {
        this.signatures = signatures;
        this.sessions = sessions;
        this.dropped =
                Counter.builder("configservice.push.frames.dropped")
                        .description(
                                "Frames to clients dropped because this service did not publish them")
                        .register(meters);
    }

    @Override
    public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders())
                != SimpMessageType.MESSAGE) {
            return message;
        }
        String sessionId = SimpMessageHeaderAccessor.getSessionId(message.getHeaders());
        if (sessionId != null && sessions.ending(sessionId)) {
            return null;
        }
        if (signatures.verify(message)) {
            return message;
        }
        dropped.increment();
        return null;
    }
}
