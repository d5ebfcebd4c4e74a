package io.configservice.events;

import io.configservice.crypto.DeploymentKeys;
import io.configservice.crypto.KeyIntegrityException;
import io.configservice.crypto.KeyUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Signs the frames {@link OutboxRelay} publishes and checks them on their way to a client, so that
 * only frames this service published are delivered and tracked for acknowledgment. Clients cannot
 * publish (see {@link ClientFrameGuard}), but with the RabbitMQ relay anybody allowed to publish to
 * the broker's topic exchange could inject a frame carrying the relay's headers. The signature
 * ({@value #HEADER} header) is HMAC-SHA256 over destination, event id and body, with the deployment
 * key {@value #KEY_NAME} ({@link DeploymentKeys}: 256 bits shared by every replica, stored only
 * wrapped by the key encryption key). It is loaded on first use, not at start-up, so a Vault that
 * is down delays push, not the service: until the key can be unwrapped, {@link #sign} fails (the
 * relay leaves the events in the outbox and retries) and {@link #verify} recognises no frame (they
 * are dropped).
 *
 * <p>A frame whose event has a {@link PushEvent#subject() subject} also carries its type, subject
 * and sequence ({@link OutboxRelay} headers), which {@link AcknowledgmentTracker} relies on to let
 * a newer event supersede an older one. They are covered by a second signature, {@value
 * #SUBJECT_HEADER}, over destination, event id, type, subject, sequence and body; a frame carrying
 * it is recognised by it alone. The first signature stays on every frame so that replicas of the
 * previous version, which know only it, still deliver the frames of upgraded ones during a rolling
 * upgrade.
 */
@Component
class FrameSignatures {

    static final String HEADER = "event-signature";
    static final String SUBJECT_HEADER = "event-subject-signature";
    static final String KEY_NAME = "push-signing";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final DeploymentKeys keys;
    private final ThreadLocal<Mac> macs;

    /**
     * The simple broker hands every subscriber the same body array: one fan-out then costs one
     * HMAC, not one each.
     */
    private volatile @Nullable Verified lastVerified;

    FrameSignatures(DeploymentKeys keys) {
        this.keys = keys;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * @throws KeyUnavailableException when the signing key cannot be unwrapped now
     * @throws KeyIntegrityException when the stored signing key fails authentication
     */
    String sign(String destination, String eventId, byte[] payload) {
        return ENCODER.encodeToString(mac(destination, eventId, null, payload));
    }

    /**
     * The {@value #SUBJECT_HEADER} of a frame about {@code subject}.
     *
     * @throws KeyUnavailableException when the signing key cannot be unwrapped now
     * @throws KeyIntegrityException when the stored signing key fails authentication
     */
    String sign(String eventId, SubjectOfFrame subject, byte[] payload) {
        return ENCODER.encodeToString(
                mac(subject.subject().destination(), eventId, subject, payload));
    }

    /**
     * Whether the message carries a valid signature of its destination, event id and body (and,
     * with {@value #SUBJECT_HEADER}, of its subject); never while the signing key cannot be loaded.
     */
    boolean verify(Message<?> message) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        String destination = headers.getDestination();
        String eventId = headers.getFirstNativeHeader(OutboxRelay.EVENT_ID_HEADER);
        String subjectSignature = headers.getFirstNativeHeader(SUBJECT_HEADER);
        String signature =
                subjectSignature != null ? subjectSignature : headers.getFirstNativeHeader(HEADER);
        if (destination == null
                || eventId == null
                || signature == null
                || !(message.getPayload() instanceof byte[] payload)) {
            return false;
        }
        SubjectOfFrame subject = subjectSignature == null ? null : subject(headers, destination);
        if (subjectSignature != null && subject == null) {
            return false;
        }
        Verified last = lastVerified;
        if (last != null
                && last.payload() == payload
                && last.destination().equals(destination)
                && last.eventId().equals(eventId)
                && last.signature().equals(signature)
                && Objects.equals(last.subject(), subject)) {
            return true;
        }
        byte[] expected;
        try {
            expected = ENCODER.encode(mac(destination, eventId, subject, payload));
        } catch (KeyUnavailableException | KeyIntegrityException | DataAccessException e) {
            return false;
        }
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        lastVerified = new Verified(payload, destination, eventId, signature, subject);
        return true;
    }

    /**
     * The subject of a frame {@link #verify} recognised, when it carries one under {@value
     * #SUBJECT_HEADER}; {@code null} otherwise, whatever subject headers it has, since only that
     * signature vouches for them.
     */
    @Nullable SubjectOfFrame subject(Message<?> message) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        String destination = headers.getDestination();
        if (destination == null || headers.getFirstNativeHeader(SUBJECT_HEADER) == null) {
            return null;
        }
        return subject(headers, destination);
    }

    private static @Nullable SubjectOfFrame subject(
            SimpMessageHeaderAccessor headers, String destination) {
        String type = headers.getFirstNativeHeader(OutboxRelay.EVENT_TYPE_HEADER);
        String name = headers.getFirstNativeHeader(OutboxRelay.EVENT_SUBJECT_HEADER);
        String sequence = headers.getFirstNativeHeader(OutboxRelay.EVENT_SEQUENCE_HEADER);
        if (type == null || name == null || sequence == null) {
            return null;
        }
        try {
            return new SubjectOfFrame(
                    new EventSubject(destination, type, name), Long.parseLong(sequence));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private byte[] mac(
            String destination, String eventId, @Nullable SubjectOfFrame subject, byte[] payload) {
        Mac mac = macs.get();
        update(mac, destination);
        update(mac, eventId);
        if (subject != null) {
            update(mac, subject.subject().type());
            update(mac, subject.subject().name());
            update(mac, Long.toString(subject.sequence()));
        }
        return mac.doFinal(payload);
    }

    private static void update(Mac mac, String field) {
        mac.update(field.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(keys.key(KEY_NAME));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private record Verified(
            byte[] payload,
            String destination,
            String eventId,
            String signature,
            @Nullable SubjectOfFrame subject) {}
}
