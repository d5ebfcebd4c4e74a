package io.configservice.events;

import io.configservice.crypto.DeploymentKeys;
import io.configservice.crypto.KeyIntegrityException;
import io.configservice.crypto.KeyUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.NativeMessageHeaderAccessor;
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

    /**
     * The outcome for the last message checked: each of the outbound channel's interceptors asks
     * about the same message object in turn.
     */
    private volatile @Nullable Checked lastChecked;

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
        return verified(message) != null;
    }

    /**
     * The subject of a frame {@link #verify} recognises, when it carries one under {@value
     * #SUBJECT_HEADER}; {@code null} otherwise, whatever subject headers it has, since only that
     * signature vouches for them.
     */
    @Nullable SubjectOfFrame subject(Message<?> message) {
        Verified verified = verified(message);
        return verified == null ? null : verified.subject();
    }

    /**
     * The headers are read where the message holds them, without the copy a header accessor makes:
     * the interceptors of the outbound channel call this for every subscriber of a fan-out, and the
     * copies were most of the fan-out's cost (seen in a profile of 10,000 sessions). A frame whose
     * body and signed headers equal those of the last verified one is recognised without a new
     * HMAC; within a fan-out they are the very same objects.
     */
    private @Nullable Verified verified(Message<?> message) {
        Checked checked = lastChecked;
        if (checked != null && checked.message() == message) {
            return checked.verified();
        }
        Verified verified = checkSignature(message.getHeaders(), message.getPayload());
        lastChecked = new Checked(message, verified);
        return verified;
    }

    private @Nullable Verified checkSignature(MessageHeaders headers, Object body) {
        String destination = SimpMessageHeaderAccessor.getDestination(headers);
        String eventId = nativeHeader(headers, OutboxRelay.EVENT_ID_HEADER);
        String subjectSignature = nativeHeader(headers, SUBJECT_HEADER);
        String signature =
                subjectSignature != null ? subjectSignature : nativeHeader(headers, HEADER);
        if (destination == null
                || eventId == null
                || signature == null
                || !(body instanceof byte[] payload)) {
            return null;
        }
        SubjectHeaders subjectHeaders =
                subjectSignature == null ? null : SubjectHeaders.of(headers);
        if (subjectSignature != null && subjectHeaders == null) {
            return null;
        }
        Verified last = lastVerified;
        if (last != null
                && last.sameFrame(payload, destination, eventId, signature, subjectHeaders)) {
            return last;
        }
        SubjectOfFrame subject =
                subjectHeaders == null ? null : subjectHeaders.subjectOf(destination);
        if (subjectHeaders != null && subject == null) {
            return null;
        }
        byte[] expected;
        try {
            expected = ENCODER.encode(mac(destination, eventId, subject, payload));
        } catch (KeyUnavailableException | KeyIntegrityException | DataAccessException e) {
            return null;
        }
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return null;
        }
        Verified verified =
                new Verified(payload, destination, eventId, signature, subjectHeaders, subject);
        lastVerified = verified;
        return verified;
    }

    private static @Nullable String nativeHeader(MessageHeaders headers, String name) {
        return NativeMessageHeaderAccessor.getFirstNativeHeader(name, headers);
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

    /** The headers {@value #SUBJECT_HEADER} covers besides destination and event id. */
    private record SubjectHeaders(String type, String name, String sequence) {

        static @Nullable SubjectHeaders of(MessageHeaders headers) {
            String type = nativeHeader(headers, OutboxRelay.EVENT_TYPE_HEADER);
            String name = nativeHeader(headers, OutboxRelay.EVENT_SUBJECT_HEADER);
            String sequence = nativeHeader(headers, OutboxRelay.EVENT_SEQUENCE_HEADER);
            return type == null || name == null || sequence == null
                    ? null
                    : new SubjectHeaders(type, name, sequence);
        }

        boolean sameAs(@Nullable SubjectHeaders other) {
            return other != null
                    && type.equals(other.type)
                    && name.equals(other.name)
                    && sequence.equals(other.sequence);
        }

        @Nullable SubjectOfFrame subjectOf(String destination) {
            try {
                return new SubjectOfFrame(
                        new EventSubject(destination, type, name), Long.parseLong(sequence));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private record Checked(Message<?> message, @Nullable Verified verified) {}

    private record Verified(
            byte[] payload,
            String destination,
            String eventId,
            String signature,
            @Nullable SubjectHeaders subjectHeaders,
            @Nullable SubjectOfFrame subject) {

        /** Compared field by field: this runs once per subscriber of a fan-out. */
        boolean sameFrame(
                byte[] otherPayload,
                String otherDestination,
                String otherEventId,
                String otherSignature,
                @Nullable SubjectHeaders otherSubjectHeaders) {
            return payload == otherPayload
                    && destination.equals(otherDestination)
                    && eventId.equals(otherEventId)
                    && signature.equals(otherSignature)
                    && (subjectHeaders == null
                            ? otherSubjectHeaders == null
                            : subjectHeaders.sameAs(otherSubjectHeaders));
        }
    }
}
