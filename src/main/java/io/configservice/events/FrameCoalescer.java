package io.configservice.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Keeps the outbound channel from holding frames no client needs any more, and from holding without
 * bound what a session cannot take. The channel's executor hands frames to the WebSocket sessions
 * more slowly than a busy topic fans them out, and its queue has no limit: frames piled up there by
 * the million, each already stale when it was sent, before the sessions' own send limits could act.
 *
 * <p>Frames about a {@link EventSubject} (those {@link FrameSignatures} recognises under the
 * subject signature) are coalesced per session and subscription: of each subject at most one frame
 * is in the channel (queued, or being handed to the WebSocket session) at a time. A newer frame
 * arriving meanwhile is not queued but waits in the subject's slot ({@link SessionFrameQueue}),
 * replacing an older one waiting there ({@code configservice.push.coalesced}); when the queued task
 * runs it hands off the newest frame of its slot instead of its own, and once a frame is handed off
 * the one that waited behind it is sent into the channel. So at most two messages per session,
 * subscription and subject are held (the queued task's own, and the newest waiting), however many
 * writes a subject gets, instead of one per write; a session receives the newest revision of every
 * subject, intermediate ones only while they are not overtaken, and never an older one after a
 * newer (one frame of a subject at a time, the sequence only rising). Frames without a subject
 * ({@code environment_updated}, whose events each list only their own change; heart-beats,
 * receipts, errors) are never held back.
 *
 * <p>A session for which {@code configservice.push.max-queued-per-session} MESSAGE frames are in
 * the channel is ended like a session that leaves too much unacknowledged: an ERROR frame naming
 * the setting, then the close ({@code configservice.push.queue.overflows}, one warning). The frame
 * that did not fit is not queued, and {@link UnsignedFrameFilter} drops every later one to the
 * ending session; other sessions' frames flow on.
 *
 * <p>It sits after {@link UnsignedFrameFilter}, so only frames the filter let through wait in a
 * slot (and a waiting frame sent into the channel again passes the filter again: a session ended
 * meanwhile gets nothing), and before {@link AcknowledgmentTracker}, which must stay the last
 * interceptor: it recognises a frame at its hand-off by the identity of the message it saw queued,
 * so it is told when the task hands off a newer message instead. A waiting frame reaches the
 * tracker when it is sent into the channel.
 */
@Component
class FrameCoalescer implements ExecutorChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(FrameCoalescer.class);

    private final FrameSignatures signatures;
    private final AcknowledgmentTracker acknowledgments;
    private final ClientSessions sessions;
    private final int maxQueued;
    private final Counter coalesced;
    private final Counter overflows;
    private final Map<String, SessionFrameQueue> bySession = new ConcurrentHashMap<>();

    FrameCoalescer(
            FrameSignatures signatures,
            AcknowledgmentTracker acknowledgments,
            ClientSessions sessions,
            MeterRegistry meters,
            PushProperties properties) {
        this.signatures = signatures;
        this.acknowledgments = acknowledgments;
        this.sessions = sessions;
        this.maxQueued = properties.maxQueuedPerSession();
        this.coalesced =
                Counter.builder("configservice.push.coalesced")
                        .description(
                                "Frames not sent to a session because a newer event on the same"
                                        + " subject was waiting to be sent to it or had been sent")
                        .register(meters);
        this.overflows =
                Counter.builder("configservice.push.queue.overflows")
                        .description(
                                "Sessions ended because configservice.push.max-queued-per-session"
                                        + " frames waited in the outbound channel for them")
                        .register(meters);
        Gauge.builder("configservice.push.queued", bySession, FrameCoalescer::queued)
                .description("MESSAGE frames the outbound channel holds for the sessions")
                .register(meters);
    }

    @EventListener
    void connected(SessionConnectEvent event) {
        String sessionId = StompHeaderAccessor.wrap(event.getMessage()).getSessionId();
        if (sessionId != null) {
            bySession.putIfAbsent(sessionId, new SessionFrameQueue(maxQueued));
        }
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        bySession.remove(event.getSessionId());
    }

    @Override
    public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
        String sessionId = sessionIdOfMessageFrame(message);
        SessionFrameQueue session = sessionId == null ? null : bySession.get(sessionId);
        if (session == null) {
            return message;
        }
        SubjectOfFrame subject = signatures.verify(message) ? signatures.subject(message) : null;
        SessionFrameQueue.Key key =
                subject == null
                        ? null
                        : new SessionFrameQueue.Key(
                                SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders()),
                                subject.subject());
        return switch (session.arrived(message, key, subject == null ? 0 : subject.sequence())) {
            case QUEUED -> message;
            case WAITING -> null;
            case REPLACED_OLDER, STALE -> {
                coalesced.increment();
                yield null;
            }
            case OVERFLOW -> {
                overflow(sessionId);
                yield null;
            }
        };
    }

    /** A frame let into the channel that did not get there will not be handed off either. */
    @Override
    public void afterSendCompletion(
            Message<?> message, MessageChannel channel, boolean sent, @Nullable Exception ex) {
        SessionFrameQueue session = sessionOf(message);
        if (session != null && (!sent || ex != null)) {
            session.notQueued(message);
        }
    }

    @Override
    public Message<?> beforeHandle(
            Message<?> message, MessageChannel channel, MessageHandler handler) {
        SessionFrameQueue session = sessionOf(message);
        if (session == null) {
            return message;
        }
        Message<?> newest = session.handingOff(message);
        if (newest != message) {
            acknowledgments.replacedInQueue(message, newest);
        }
        return newest;
    }

    @Override
    public void afterMessageHandled(
            Message<?> message,
            MessageChannel channel,
            MessageHandler handler,
            @Nullable Exception ex) {
        SessionFrameQueue session = sessionOf(message);
        Message<?> next = session == null ? null : session.handedOff(message);
        while (next != null) {
            channel.send(next);
            next = session.notResent(next);
        }
    }

    private @Nullable SessionFrameQueue sessionOf(Message<?> message) {
        String sessionId = sessionIdOfMessageFrame(message);
        return sessionId == null ? null : bySession.get(sessionId);
    }

    private static @Nullable String sessionIdOfMessageFrame(Message<?> message) {
        return SimpMessageHeaderAccessor.getMessageType(message.getHeaders())
                        == SimpMessageType.MESSAGE
                ? SimpMessageHeaderAccessor.getSessionId(message.getHeaders())
                : null;
    }

    private void overflow(String sessionId) {
        if (bySession.remove(sessionId) == null) {
            return;
        }
        overflows.increment();
        log.warn(
                "Ending STOMP session {}: {} frames wait in the outbound channel for it"
                        + " (configservice.push.max-queued-per-session); the client reads too slowly",
                sessionId,
                maxQueued);
        sessions.end(
                sessionId,
                "Session closed: "
                        + maxQueued
                        + " messages wait to be sent to this session"
                        + " (configservice.push.max-queued-per-session); it reads too slowly");
    }

    private static double queued(Map<String, SessionFrameQueue> bySession) {
        return bySession.values().stream().mapToInt(SessionFrameQueue::queued).sum();
    }
}
