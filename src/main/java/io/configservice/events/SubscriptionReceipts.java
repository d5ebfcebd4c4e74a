package io.configservice.events;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

/**
 * Answers a SUBSCRIBE that carries a {@code receipt} header with a RECEIPT frame once the
 * subscription was accepted, so a client can tell an accepted subscription from a refused one
 * (which gets an ERROR). Spring's in-process simple broker does not send receipts itself; RabbitMQ
 * does, so this is off with the broker relay.
 */
@Component
@Conditional(SimpleBrokerCondition.class)
class SubscriptionReceipts {

    private final MessageChannel clientOutbound;

    SubscriptionReceipts(@Qualifier("clientOutboundChannel") MessageChannel clientOutbound) {
        this.clientOutbound = clientOutbound;
    }

    @EventListener
    void subscribed(SessionSubscribeEvent event) {
        StompHeaderAccessor subscribe = StompHeaderAccessor.wrap(event.getMessage());
        String receipt = subscribe.getReceipt();
        if (receipt == null) {
            return;
        }
        StompHeaderAccessor answer = StompHeaderAccessor.create(StompCommand.RECEIPT);
        answer.setSessionId(subscribe.getSessionId());
        answer.setReceiptId(receipt);
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], answer.getMessageHeaders()));
    }
}
