package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.configservice.crypto.DeploymentKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.messaging.SessionConnectEvent;

/**
 * The coalescer between the unsigned-frame filter and the acknowledgment tracker, as in {@link
 * WebSocketConfig}, on a real {@link ExecutorSubscribableChannel} whose executor runs its queued
 * tasks only when told: frames held in the queue stand for a backlog the executor has not worked
 * off yet.
 */
class FrameCoalescerTests {

    private static final int MAX_QUEUED = 3;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    private static final String CONFIG = "/topic/config.orders.production";
    private static final String ENVIRONMENTS = "/topic/environments";
    private static final String CONFIGURATION_CHANGED = "configuration_changed";
    private static final String SUBJECT = "orders.production";

    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final List<Message<?>> handedOff = new ArrayList<>();
    private final ExecutorSubscribableChannel outbound =
            new ExecutorSubscribableChannel(queue::add);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ClientSessions sessions = mock(ClientSessions.class);
    private final Set<String> ending = new HashSet<>();
    private final MovableClock clock = new MovableClock();
    private Consumer<Message<?>> whileHandingOff = message -> {};
    private FrameSignatures signatures;
    private AcknowledgmentTracker tracker;

    @BeforeEach
    void channelAsConfigured() {
        DeploymentKeys keys = mock(DeploymentKeys.class);
        when(keys.key(FrameSignatures.KEY_NAME))
                .thenReturn(new SecretKeySpec(new byte[32], "HmacSHA256"));
        signatures = new FrameSignatures(keys);
        when(sessions.ending(anyString()))
                .thenAnswer(invocation -> ending.contains(invocation.<String>getArgument(0)));
        doAnswer(invocation -> ending.add(invocation.getArgument(0)))
                .when(sessions)
                .end(anyString(), anyString());
        PushProperties properties =
                new PushProperties(
                        ACK_TIMEOUT,
                        3,
                        100,
                        1000,
                        MAX_QUEUED,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(200),
                        Duration.ofHours(1),
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1));
        tracker =
                new AcknowledgmentTracker(
                        new StaticListableBeanFactory(Map.of("clientOutboundChannel", outbound))
                                .getBeanProvider(MessageChannel.class),
                        signatures,
                        sessions,
                        clock,
                        meters,
                        properties);
        FrameCoalescer coalescer =
                new FrameCoalescer(signatures, tracker, sessions, meters, properties);
        outbound.addInterceptor(new UnsignedFrameFilter(signatures, sessions, meters));
        outbound.addInterceptor(coalescer);
        outbound.addInterceptor(tracker);
        outbound.subscribe(
                message -> {
                    handedOff.add(message);
                    whileHandingOff.accept(message);
                });
        for (String sessionId : List.of("s1", "s2")) {
            StompHeaderAccessor connect = StompHeaderAccessor.create(StompCommand.CONNECT);
            connect.setSessionId(sessionId);
            Message<byte[]> message =
                    MessageBuilder.createMessage(new byte[0], connect.getMessageHeaders());
            tracker.connected(new SessionConnectEvent(this, message));
            coalescer.connected(new SessionConnectEvent(this, message));
        }
    }

    @Test
    void ofTheFramesOnASubjectThatQueueUpOnlyTheNewestIsHandedOff() {
        for (int sequence = 1; sequence <= 4; sequence++) {
            outbound.send(revision("s1", "sub-1", sequence));
        }
        assertThat(queue).as("one queued task for the subject, not one per frame").hasSize(1);

        assertThat(eventIds(handOffQueued())).containsExactly("e4");
        assertThat(meters.counter("configservice.push.coalesced").count()).isEqualTo(3);
    }

    @Test
    void theNewestFrameHandedOffInsteadIsTrackedForItsAcknowledgmentAndRedelivered() {
        outbound.send(revision("s1", "sub-1", 1));
        outbound.send(revision("s1", "sub-1", 2));
        handOffQueued();
        assertThat(tracker.pendingMessages()).isEqualTo(1);

        clock.advance(ACK_TIMEOUT);
        tracker.redeliverOverdue();
        assertThat(eventIds(handOffQueued()))
                .as("no frame counts as queued for the session any more; e2 waits for its ack")
                .containsExactly("e2");
        tracker.acknowledge("s1", "e2");
        assertThat(tracker.pendingMessages()).isZero();
    }

    @Test
    void aFrameArrivingWhileItsSubjectIsBeingHandedOffFollowsIt() {
        Message<byte[]> second = revision("s1", "sub-1", 2);
        whileHandingOff =
                message -> {
                    if (eventId(message).equals("e1")) {
                        outbound.send(second);
                        assertThat(queue).as("waits until e1 is handed off").isEmpty();
                    }
                };
        outbound.send(revision("s1", "sub-1", 1));
        handOffQueued();

        assertThat(eventIds(handedOff)).containsExactly("e1", "e2");
        assertThat(meters.counter("configservice.push.coalesced").count()).isZero();
    }

    @Test
    void anOlderFrameOnASubjectIsNeverSentAfterANewerOneButTheSameOneIsAgain() {
        Message<byte[]> newer = revision("s1", "sub-1", 2);
        outbound.send(newer);
        handOffQueued();

        outbound.send(revision("s1", "sub-1", 1));
        assertThat(queue).isEmpty();
        assertThat(meters.counter("configservice.push.coalesced").count()).isEqualTo(1);

        outbound.send(newer);
        assertThat(eventIds(handOffQueued())).as("a redelivery").containsExactly("e2");
    }

    @Test
    void framesWithoutASubjectAreNeverCoalescedNorAreTheSubscriptionsOfOneSession() {
        outbound.send(environmentUpdate("s1", "u1"));
        outbound.send(environmentUpdate("s1", "u2"));
        outbound.send(revision("s1", "sub-1", 1));
        assertThat(sessionsSubscriptionsAndEventIds(handOffQueued()))
                .containsExactly("s1:sub-env:u1", "s1:sub-env:u2", "s1:sub-1:e1");

        outbound.send(revision("s1", "sub-1", 2));
        outbound.send(frame("s1", "sub-2", CONFIG, "e2", CONFIGURATION_CHANGED, SUBJECT, 2));
        assertThat(sessionsSubscriptionsAndEventIds(handOffQueued()))
                .containsExactly("s1:sub-1:e2", "s1:sub-2:e2");
        assertThat(meters.counter("configservice.push.coalesced").count()).isZero();
    }

    @Test
    void eachSessionGetsTheNewestFrameOfTheSubject() {
        for (int sequence = 1; sequence <= 3; sequence++) {
            outbound.send(revision("s1", "sub-1", sequence));
            outbound.send(revision("s2", "sub-9", sequence));
        }

        assertThat(sessionsSubscriptionsAndEventIds(handOffQueued()))
                .containsExactly("s1:sub-1:e3", "s2:sub-9:e3");
    }

    @Test
    void aSessionWithTooManyFramesQueuedIsEndedOnceAndOtherSessionsGetTheirs() {
        for (int i = 1; i <= MAX_QUEUED + 2; i++) {
            outbound.send(environmentUpdate("s1", "u" + i));
        }
        outbound.send(environmentUpdate("s2", "u1"));

        verify(sessions, times(1)).end(eq("s1"), contains("max-queued-per-session"));
        verify(sessions, never()).end(eq("s2"), contains("max-queued-per-session"));
        assertThat(meters.counter("configservice.push.queue.overflows").count()).isEqualTo(1);
        assertThat(sessionsSubscriptionsAndEventIds(handOffQueued()))
                .containsExactly(
                        "s1:sub-env:u1", "s1:sub-env:u2", "s1:sub-env:u3", "s2:sub-env:u1");
    }

    @Test
    void coalescedFramesDoNotCountAgainstTheBound() {
        for (int sequence = 1; sequence <= MAX_QUEUED * 3; sequence++) {
            outbound.send(revision("s1", "sub-1", sequence));
        }
        assertThat(meters.get("configservice.push.queued").gauge().value()).isEqualTo(1);

        verify(sessions, never()).end(eq("s1"), contains("max-queued-per-session"));
        assertThat(eventIds(handOffQueued())).containsExactly("e" + MAX_QUEUED * 3);
        assertThat(meters.get("configservice.push.queued").gauge().value()).isZero();
    }

    @Test
    void aWaitingFrameToASessionBeingEndedIsDroppedWithoutHoldingItsSubjectBack() {
        whileHandingOff =
                message -> {
                    if (eventId(message).equals("e1")) {
                        outbound.send(revision("s1", "sub-1", 2));
                        ending.add("s1");
                    }
                };
        outbound.send(revision("s1", "sub-1", 1));
        handOffQueued();
        assertThat(eventIds(handedOff)).containsExactly("e1");

        ending.remove("s1");
        outbound.send(revision("s1", "sub-1", 3));
        assertThat(eventIds(handOffQueued())).containsExactly("e3");
    }

    @Test
    void aFrameThatDoesNotReachTheQueueDoesNotHoldItsSubjectBack() {
        outbound.addInterceptor(
                new ChannelInterceptor() {
                    @Override
                    public Message<?> preSend(Message<?> message, MessageChannel channel) {
                        if (eventId(message).equals("e1")) {
                            throw new IllegalStateException("not queued");
                        }
                        return message;
                    }
                });
        assertThatThrownBy(() -> outbound.send(revision("s1", "sub-1", 1)))
                .isInstanceOf(MessageDeliveryException.class);
        assertThat(meters.get("configservice.push.queued").gauge().value()).isZero();

        outbound.send(revision("s1", "sub-1", 2));
        assertThat(eventIds(handOffQueued())).containsExactly("e2");
    }

    @Test
    void aFailedHandOffStillLetsTheFrameWaitingBehindItFollow() {
        whileHandingOff =
                message -> {
                    if (eventId(message).equals("e1")) {
                        outbound.send(revision("s1", "sub-1", 2));
                        throw new IllegalStateException("the session is gone");
                    }
                };
        outbound.send(revision("s1", "sub-1", 1));
        assertThatThrownBy(() -> queue.poll().run()).isInstanceOf(MessagingException.class);

        assertThat(eventIds(handOffQueued())).containsExactly("e2");
    }

    private List<Message<?>> handOffQueued() {
        int before = handedOff.size();
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        return List.copyOf(handedOff.subList(before, handedOff.size()));
    }

    /** The {@code sequence}-th revision of the orders configuration, event {@code e<sequence>}. */
    private Message<byte[]> revision(String sessionId, String subscription, long sequence) {
        return frame(
                sessionId,
                subscription,
                CONFIG,
                "e" + sequence,
                CONFIGURATION_CHANGED,
                SUBJECT,
                sequence);
    }

    /** An {@code environment_updated} frame: one without a subject. */
    private Message<byte[]> environmentUpdate(String sessionId, String eventId) {
        return frame(sessionId, "sub-env", ENVIRONMENTS, eventId, null, null, 0);
    }

    /** A frame as the relay publishes it to one session; without a subject when type is null. */
    private Message<byte[]> frame(
            String sessionId,
            String subscription,
            String destination,
            String eventId,
            @Nullable String type,
            @Nullable String subject,
            long sequence) {
        return new SignedFrames(signatures)
                .frame(sessionId, subscription, destination, eventId, type, subject, sequence);
    }

    private static String eventId(Message<?> message) {
        return SimpMessageHeaderAccessor.wrap(message)
                .getFirstNativeHeader(OutboxRelay.EVENT_ID_HEADER);
    }

    private static List<String> eventIds(List<Message<?>> messages) {
        return messages.stream().map(FrameCoalescerTests::eventId).toList();
    }

    private static List<String> sessionsSubscriptionsAndEventIds(List<Message<?>> messages) {
        return messages.stream()
                .map(
                        message -> {
                            SimpMessageHeaderAccessor headers =
                                    SimpMessageHeaderAccessor.wrap(message);
                            return headers.getSessionId()
                                    + ":"
                                    + headers.getSubscriptionId()
                                    + ":"
                                    + eventId(message);
                        })
                .toList();
    }
}
