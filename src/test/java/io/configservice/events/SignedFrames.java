package io.configservice.events;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Frames as the outbox relay publishes them to one session, for the outbound interceptors' tests.
 */
final class SignedFrames {

    private final FrameSignatures signatures;

    SignedFrames(FrameSignatures signatures) {
        this.signatures = signatures;
    }

    /**
     * A signed MESSAGE frame; about a subject (signed too) unless {@code type} or {@code subject}
     * is null.
     */
    Message<byte[]> frame(
            String sessionId,
            @Nullable String subscription,
            String destination,
            String eventId,
            @Nullable String type,
            @Nullable String subject,
            long sequence) {
        byte[] payload = ("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8);
        SimpMessageHeaderAccessor headers =
                SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(sessionId);
        if (subscription != null) {
            headers.setSubscriptionId(subscription);
        }
        headers.setDestination(destination);
        headers.setNativeHeader(OutboxRelay.EVENT_ID_HEADER, eventId);
        headers.setNativeHeader(OutboxRelay.ACK_REQUIRED_HEADER, "true");
        headers.setNativeHeader(
                FrameSignatures.HEADER, signatures.sign(destination, eventId, payload));
        if (type != null && subject != null) {
            headers.setNativeHeader(OutboxRelay.EVENT_TYPE_HEADER, type);
            headers.setNativeHeader(OutboxRelay.EVENT_SUBJECT_HEADER, subject);
            headers.setNativeHeader(OutboxRelay.EVENT_SEQUENCE_HEADER, Long.toString(sequence));
            headers.setNativeHeader(
                    FrameSignatures.SUBJECT_HEADER,
                    signatures.sign(
                            eventId,
                            new SubjectOfFrame(
                                    new EventSubject(destination, type, subject), sequence),
                            payload));
        }
        headers.setLeaveMutable(true);
        return MessageBuilder.createMessage(payload, headers.getMessageHeaders());
    }
}
