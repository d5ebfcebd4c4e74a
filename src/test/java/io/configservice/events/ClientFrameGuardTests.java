package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

class ClientFrameGuardTests {

    private final ClientFrameGuard guard = new ClientFrameGuard();
    private final MessageChannel channel = mock(MessageChannel.class);

    @Test
    void sendToTheAcknowledgmentDestinationPasses() {
        Message<byte[]> ack = frame(StompCommand.SEND, "/app/ack");
        assertThat(guard.preSend(ack, channel)).isSameAs(ack);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/topic/config.payments.production",
                "/topic/environments",
                "/queue/anything",
                "/user/queue/anything",
                "/user/alice/queue/x",
                "/app/unknown",
                "/app/ack.x",
                "/app/ack/",
                "/app//ack",
                "/APP/ack",
                "app/ack",
                "/app/ack ",
                ""
            })
    void sendToAnyOtherDestinationIsRefusedWithoutEchoingIt(String destination) {
        assertThatThrownBy(() -> guard.preSend(frame(StompCommand.SEND, destination), channel))
                .isInstanceOf(MessageDeliveryException.class)
                .hasMessage("SEND refused: clients may send only to /app/ack");
    }

    @Test
    void sendWithoutDestinationIsRefused() {
        assertThatThrownBy(() -> guard.preSend(frame(StompCommand.SEND, null), channel))
                .isInstanceOf(MessageDeliveryException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = StompCommand.class,
            names = {
                "MESSAGE",
                "RECEIPT",
                "ERROR",
                "CONNECTED",
                "ACK",
                "NACK",
                "BEGIN",
                "COMMIT",
                "ABORT"
            })
    void framesOnlyAServerSendsOrThisServiceDoesNotUseAreRefused(StompCommand command) {
        assertThatThrownBy(
                        () ->
                                guard.preSend(
                                        frame(command, "/topic/config.payments.production"),
                                        channel))
                .isInstanceOf(MessageDeliveryException.class)
                .hasMessage(command + " frames are not accepted from clients");
    }

    @ParameterizedTest
    @EnumSource(
            value = StompCommand.class,
            names = {"CONNECT", "STOMP", "SUBSCRIBE", "UNSUBSCRIBE", "DISCONNECT"})
    void sessionFramesPass(StompCommand command) {
        Message<byte[]> frame = frame(command, "/topic/config.payments.production");
        assertThat(guard.preSend(frame, channel)).isSameAs(frame);
    }

    @Test
    void heartBeatsPass() {
        Message<byte[]> heartBeat =
                MessageBuilder.createMessage(
                        new byte[0], StompHeaderAccessor.createForHeartbeat().getMessageHeaders());
        assertThat(guard.preSend(heartBeat, channel)).isSameAs(heartBeat);
    }

    private static Message<byte[]> frame(StompCommand command, @Nullable String destination) {
        StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
        if (destination != null) {
            accessor.setDestination(destination);
        }
        accessor.setSessionId("s-1");
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }
}
