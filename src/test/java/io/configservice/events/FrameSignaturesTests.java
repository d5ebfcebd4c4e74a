package io.configservice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.configservice.crypto.DeploymentKeys;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;

class FrameSignaturesTests {

    private static final String DESTINATION = "/topic/config.orders.production";
    private static final byte[] PAYLOAD = "{\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);

    private final FrameSignatures signatures = signatures();

    @Test
    void aFrameWithItsSubjectIsRecognisedWithTheSubjectItWasSignedWith() {
        Message<byte[]> frame = frame(subjectHeaders());
        assertThat(signatures.verify(frame)).isTrue();
        assertThat(signatures.subject(frame))
                .isEqualTo(
                        new SubjectOfFrame(
                                new EventSubject(
                                        DESTINATION, "configuration_changed", "orders.production"),
                                42));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                OutboxRelay.EVENT_TYPE_HEADER,
                OutboxRelay.EVENT_SUBJECT_HEADER,
                OutboxRelay.EVENT_SEQUENCE_HEADER
            })
    void aFrameWhoseSubjectHeaderWasChangedIsNotRecognised(String header) {
        SimpMessageHeaderAccessor headers = subjectHeaders();
        headers.setNativeHeader(header, "43");
        assertThat(signatures.verify(frame(headers))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                OutboxRelay.EVENT_ID_HEADER,
                OutboxRelay.EVENT_TYPE_HEADER,
                OutboxRelay.EVENT_SUBJECT_HEADER,
                OutboxRelay.EVENT_SEQUENCE_HEADER
            })
    void aCopyOfARecognisedFrameSharingItsBodyIsNotRecognisedWithAChangedHeader(String header) {
        byte[] body = PAYLOAD.clone();
        assertThat(
                        signatures.verify(
                                MessageBuilder.createMessage(
                                        body, subjectHeaders().toMessageHeaders())))
                .isTrue();
        SimpMessageHeaderAccessor copy = subjectHeaders();
        assertThat(signatures.subject(MessageBuilder.createMessage(body, copy.toMessageHeaders())))
                .as("an unchanged copy, as each subscriber of a fan-out gets")
                .isNotNull();
        copy.setNativeHeader(header, "43");
        Message<byte[]> changed = MessageBuilder.createMessage(body, copy.toMessageHeaders());
        assertThat(signatures.verify(changed)).isFalse();
        assertThat(signatures.subject(changed)).isNull();
    }

    @Test
    void aFrameWithoutSubjectIsRecognisedByTheFirstSignatureAndHasNoSubject() {
        SimpMessageHeaderAccessor headers = subjectHeaders();
        headers.removeNativeHeader(FrameSignatures.SUBJECT_HEADER);
        Message<byte[]> frame = frame(headers);
        assertThat(signatures.verify(frame)).isTrue();
        assertThat(signatures.subject(frame))
                .as("subject headers no signature vouches for")
                .isNull();
    }

    private SimpMessageHeaderAccessor subjectHeaders() {
        SimpMessageHeaderAccessor headers =
                SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setDestination(DESTINATION);
        headers.setNativeHeader(OutboxRelay.EVENT_ID_HEADER, "e1");
        headers.setNativeHeader(
                FrameSignatures.HEADER, signatures.sign(DESTINATION, "e1", PAYLOAD));
        headers.setNativeHeader(OutboxRelay.EVENT_TYPE_HEADER, "configuration_changed");
        headers.setNativeHeader(OutboxRelay.EVENT_SUBJECT_HEADER, "orders.production");
        headers.setNativeHeader(OutboxRelay.EVENT_SEQUENCE_HEADER, "42");
        headers.setNativeHeader(
                FrameSignatures.SUBJECT_HEADER,
                signatures.sign(
                        "e1",
                        new SubjectOfFrame(
                                new EventSubject(
                                        DESTINATION, "configuration_changed", "orders.production"),
                                42),
                        PAYLOAD));
        return headers;
    }

    /** A fresh body array each time, so no frame is recognised from the cache of another. */
    private static Message<byte[]> frame(SimpMessageHeaderAccessor headers) {
        return MessageBuilder.createMessage(PAYLOAD.clone(), headers.toMessageHeaders());
    }

    private static FrameSignatures signatures() {
        DeploymentKeys keys = mock(DeploymentKeys.class);
        when(keys.key(FrameSignatures.KEY_NAME))
                .thenReturn(new SecretKeySpec(new byte[32], "HmacSHA256"));
        return new FrameSignatures(keys);
    }
}
