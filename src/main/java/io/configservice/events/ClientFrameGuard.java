package io.configservice.events;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Lets through only the frames a client of this service has a use for: CONNECT, SUBSCRIBE,
 * UNSUBSCRIBE, DISCONNECT, heart-beats, and SEND to the application destinations the service
 * handles ({@value #ACK}). Anything else ends in an ERROR frame and a closed session: above all a
 * SEND to a broker destination ({@code /topic}, {@code /queue}, {@code /user}), which would reach
 * other callers' subscribers, a SEND without or to an unknown destination, and frames only a server
 * sends (MESSAGE, RECEIPT, ERROR) or this service does not use (ACK, NACK, transactions).
 */
@Component
class ClientFrameGuard implements ChannelInterceptor {

    static final String ACK =
            WebSocketConfig.APPLICATION_PREFIX + "/" + AcknowledgmentController.MAPPING;
    private static final Set<String> APPLICATION_DESTINATIONS = Set.of(ACK);
    private static final Set<StompCommand> ACCEPTED =
            EnumSet.of(
                    StompCommand.CONNECT,
                    StompCommand.STOMP,
                    StompCommand.SUBSCRIBE,
                    StompCommand.UNSUBSCRIBE,
                    StompCommand.DISCONNECT,
                    StompCommand.SEND);

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor =
                MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        StompCommand command = accessor == null ? null : accessor.getCommand();
        if (command == null) {
            return message;
        }
        if (!ACCEPTED.contains(command)) {
            throw new MessageDeliveryException(command + " frames are not accepted from clients");
        }
        String destination = accessor.getDestination();
        if (command == StompCommand.SEND
                && (destination == null || !APPLICATION_DESTINATIONS.contains(destination))) {
            // the destination is not echoed: Spring logs this message, and a destination may hold
            // anything
            throw new MessageDeliveryException("SEND refused: clients may send only to " + ACK);
        }
        return message;
    }
}
