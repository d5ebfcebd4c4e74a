package io.configservice.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Signs the frames {@link OutboxRelay} publishes and checks them on their way to a client, so that only frames this
 * service published are delivered and tracked for acknowledgment. Clients cannot publish (see
 * {@link ClientFrameGuard}), but with the RabbitMQ relay anybody allowed to publish to the broker's topic exchange
 * could inject a frame carrying the relay's headers. The signature ({@value #HEADER} header) is HMAC-SHA256 over
 * destination, event id and body, with a 256-bit key that the first replica of a deployment generates and stores in
 * {@code push_signing_key}, where the other replicas find it.
 */
@Component
class FrameSignatures {

    static final String HEADER = "event-signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    /** The simple broker hands every subscriber the same body array: one fan-out then costs one HMAC, not one each. */
    private volatile @Nullable Verified lastVerified;

    FrameSignatures(JdbcTemplate jdbc) {
        byte[] generated = new byte[32];
        new SecureRandom().nextBytes(generated);
        jdbc.update("INSERT INTO push_signing_key (id, key_bytes) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
                (Object) generated);
        byte[] stored = jdbc.queryForObject("SELECT key_bytes FROM push_signing_key WHERE id = 1", byte[].class);
        this.key = new SecretKeySpec(stored, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    String sign(String destination, String eventId, byte[] payload) {
        return ENCODER.encodeToString(mac(destination, eventId, payload));
    }

    /** Whether the message carries a valid signature of its destination, event id and body. */
    boolean verify(Message<?> message) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        String destination = headers.getDestination();
        String eventId = headers.getFirstNativeHeader(OutboxRelay.EVENT_ID_HEADER);
        String signature = headers.getFirstNativeHeader(HEADER);
        if (destination == null || eventId == null || signature == null
                || !(message.getPayload() instanceof byte[] payload)) {
            return false;
        }
        Verified last = lastVerified;
        if (last != null && last.payload() == payload && last.destination().equals(destination)
                && last.eventId().equals(eventId) && last.signature().equals(signature)) {
            return true;
        }
        byte[] expected = ENCODER.encode(mac(destination, eventId, payload));
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        lastVerified = new Verified(payload, destination, eventId, signature);
        return true;
    }

    private byte[] mac(String destination, String eventId, byte[] payload) {
        Mac mac = macs.get();
        mac.update(destination.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(eventId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private record Verified(byte[] payload, String destination, String eventId, String signature) {
    }
}
