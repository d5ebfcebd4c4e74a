package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.configservice.crypto.DeploymentKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.socket.messaging.SessionConnectEvent;

/**
 * The tracker on a real {@link ExecutorSubscribableChannel} whose executor runs its queued tasks
 * only when told, so a frame can be held between its enqueueing and its hand-off, under a clock the
 * test moves.
 */
class AcknowledgmentTrackerTests {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    private static final String CONFIG = "/topic/config.orders.production";
    private static final String CONFIGURATION_CHANGED = "configuration_changed";

    private final MovableClock clock = new MovableClock();
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final List<Message<?>> handedOff = new ArrayList<>();
    private final ExecutorSubscribableChannel outbound =
            new ExecutorSubscribableChannel(queue::add);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private FrameSignatures signatures;
    private AcknowledgmentTracker tracker;

    @BeforeEach
    void channelWithTracker() {
        DeploymentKeys keys = mock(DeploymentKeys.class);
        when(keys.key(FrameSignatures.KEY_NAME))
                .thenReturn(new SecretKeySpec(new byte[32], "HmacSHA256"));
        signatures = new FrameSignatures(keys);
        tracker =
                new AcknowledgmentTracker(
                        new StaticListableBeanFactory(Map.of("clientOutboundChannel", outbound))
                                .getBeanProvider(MessageChannel.class),
                        signatures,
                        mock(ClientSessions.class),
                        clock,
                        meters,
                        new PushProperties(
                                ACK_TIMEOUT,
                                3,
                                100,
                                1000,
                                1000,
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(1),
                                Duration.ofMillis(200),
                                Duration.ofHours(1),
                                Duration.ofMinutes(10),
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1)));
        outbound.addInterceptor(tracker);
        outbound.subscribe(handedOff::add);
        connect("s1");
        connect("s2");
    }

    @Test
    void theAckClockStartsWhenTheFrameIsHandedOffNotWhenItIsQueued() {
        outbound.send(frame("s1", CONFIG, "e1", CONFIGURATION_CHANGED, "orders.production", 1));
        clock.advance(Duration.ofSeconds(30));
        handOffQueued();
        assertThat(handedOff).hasSize(1);

        clock.advance(ACK_TIMEOUT.minusMillis(1));
        tracker.redeliverOverdue();
        assertThat(queue).as("not overdue: handed off less than the timeout ago").isEmpty();

        clock.advance(Duration.ofMillis(1));
        tracker.redeliverOverdue();
        assertThat(eventIds(handOffQueued())).containsExactly("e1");
        assertThat(meters.counter("configservice.push.redeliveries").count()).isEqualTo(1);
    }

    @Test
    void nothingIsRedeliveredToASessionWhileFramesForItAreQueued() {
        outbound.send(frame("s1", CONFIG, "e1", CONFIGURATION_CHANGED, "orders.production", 1));
        outbound.send(frame("s2", CONFIG, "e1", CONFIGURATION_CHANGED, "orders.production", 1));
        handOffQueued();
        clock.advance(Duration.ofSeconds(1));
        outbound.send(frame("s1", CONFIG, "e2", "credential_rotated", "db-password", 2));

        clock.advance(ACK_TIMEOUT);
        tracker.redeliverOverdue();
        assertThat(queue)
                .as("s1 still has e2 queued; only s2's overdue e1 is sent again")
                .hasSize(2);
        List<Message<?>> sent = handOffQueued();
        assertThat(sessionsAndEventIds(sent)).containsExactly("s1:e2", "s2:e1");

        tracker.redeliverOverdue();
        assertThat(sessionsAndEventIds(handOffQueued()))
                .as("s1's queue is empty now: e1 is overdue, e2 was handed off just now")
                .containsExactly("s1:e1");
    }

    @Test
    void aNewerEventSupersedesTheUnacknowledgedOlderOneOnTheSameSubjectOnly() {
        outbound.send(frame("s1", CONFIG, "r1", CONFIGURATION_CHANGED, "orders.production", 1));
        outbound.send(frame("s2", CONFIG, "r1", CONFIGURATION_CHANGED, "orders.production", 1));
        outbound.send(
                frame("s1", CONFIG, "other-type", "credential_rotated", "orders.production", 2));
        outbound.send(
                frame("s1", CONFIG, "other-subject", CONFIGURATION_CHANGED, "orders.staging", 3));
        outbound.send(
                frame(
                        "s1",
                        "/topic/config.orders.staging",
                        "other-destination",
                        CONFIGURATION_CHANGED,
                        "orders.production",
                        4));
        handOffQueued();
        assertThat(tracker.pendingMessages()).isEqualTo(5);

        outbound.send(frame("s1", CONFIG, "r2", CONFIGURATION_CHANGED, "orders.production", 5));
        handOffQueued();
        assertThat(tracker.pendingMessages()).as("r2 replaced r1 for s1 only").isEqualTo(5);
        assertThat(meters.counter("configservice.push.superseded").count()).isEqualTo(1);

        tracker.acknowledge("s1", "r1");
        clock.advance(ACK_TIMEOUT);
        tracker.redeliverOverdue();
        assertThat(sessionsAndEventIds(handOffQueued()))
                .containsExactlyInAnyOrder(
                        "s1:other-type",
                        "s1:other-subject",
                        "s1:other-destination",
                        "s1:r2",
                        "s2:r1");
    }

    @Test
    void redeliverySendsOnlyTheNewestEventOfASubject() {
        outbound.send(frame("s1", CONFIG, "r1", CONFIGURATION_CHANGED, "orders.production", 1));
        outbound.send(frame("s1", CONFIG, "r3", CONFIGURATION_CHANGED, "orders.production", 3));
        outbound.send(frame("s1", CONFIG, "r2", CONFIGURATION_CHANGED, "orders.production", 2));
        handOffQueued();
        assertThat(tracker.pendingMessages())
                .as("r2, handed off after r3, is not waited for")
                .isOne();
        assertThat(meters.counter("configservice.push.superseded").count()).isEqualTo(2);

        for (int round = 1; round <= 4; round++) {
            clock.advance(ACK_TIMEOUT);
            tracker.redeliverOverdue();
            assertThat(eventIds(handOffQueued()))
                    .as("round %d", round)
                    .isEqualTo(round <= 3 ? List.of("r3") : List.of());
        }
        assertThat(tracker.pendingMessages()).as("given up after 3 redeliveries").isZero();
    }

    @Test
    void eventsWithoutASubjectAreEachRedeliveredUntilAcknowledged() {
        outbound.send(frame("s1", "/topic/environments", "env1", null, null, 0));
        outbound.send(frame("s1", "/topic/environments", "env2", null, null, 0));
        handOffQueued();
        tracker.acknowledge("s1", "env2");

        clock.advance(ACK_TIMEOUT);
        tracker.redeliverOverdue();
        assertThat(eventIds(handOffQueued())).containsExactly("env1");
        tracker.acknowledge("s1", "env1");
        clock.advance(ACK_TIMEOUT);
        tracker.redeliverOverdue();
        assertThat(queue).isEmpty();
        assertThat(meters.counter("configservice.push.superseded").count()).isZero();
    }

    @Test
    void subjectHeadersWithoutTheirSignatureSupersedeNothing() {
        outbound.send(frame("s1", CONFIG, "r1", CONFIGURATION_CHANGED, "orders.production", 1));
        Message<byte[]> forged =
                frame("s1", CONFIG, "r2", CONFIGURATION_CHANGED, "orders.production", 2);
        SimpMessageHeaderAccessor stripped = SimpMessageHeaderAccessor.wrap(forged);
        stripped.removeNativeHeader(FrameSignatures.SUBJECT_HEADER);
        outbound.send(
                MessageBuilder.createMessage(forged.getPayload(), stripped.toMessageHeaders()));
        handOffQueued();

        assertThat(tracker.pendingMessages()).isEqualTo(2);
        assertThat(meters.counter("configservice.push.superseded").count()).isZero();
    }

    private void connect(String sessionId) {
        StompHeaderAccessor connect = StompHeaderAccessor.create(StompCommand.CONNECT);
        connect.setSessionId(sessionId);
        tracker.connected(
                new SessionConnectEvent(
                        this,
                        MessageBuilder.createMessage(new byte[0], connect.toMessageHeaders())));
    }

    /** Runs what the channel queued (redeliveries included) and returns what it handed off. */
    private List<Message<?>> handOffQueued() {
        int before = handedOff.size();
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
        return List.copyOf(handedOff.subList(before, handedOff.size()));
    }

    /** A frame as the relay publishes it to one session; without a subject when type is null. */
    private Message<byte[]> frame(
            String sessionId,
            String destination,
            String eventId,
            @Nullable String type,
            @Nullable String subject,
            long sequence) {
        return new SignedFrames(signatures)
                .frame(sessionId, null, destination, eventId, type, subject, sequence);
    }

    private static List<String> eventIds(List<Message<?>> messages) {
        return messages.stream()
                .map(
                        message ->
                                SimpMessageHeaderAccessor.wrap(message)
                                        .getFirstNativeHeader(OutboxRelay.EVENT_ID_HEADER))
                .toList();
    }

    private static List<String> sessionsAndEventIds(List<Message<?>> messages) {
        return messages.stream()
                .map(
                        message -> {
                            SimpMessageHeaderAccessor headers =
                                    SimpMessageHeaderAccessor.wrap(message);
                            return headers.getSessionId()
                                    + ":"
                                    + headers.getFirstNativeHeader(OutboxRelay.EVENT_ID_HEADER);
                        })
                .toList();
    }
}
