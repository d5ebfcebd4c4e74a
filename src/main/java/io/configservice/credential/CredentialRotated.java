package io.configservice.credential;

import io.configservice.events.Destinations;
import io.configservice.events.PushEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Published inside the transaction that rotated a credential; it names the new version and never
 * carries a value.
 */
public record CredentialRotated(
        String credentialKey,
        String serviceId,
        String environment,
        String rotationId,
        Instant rotatedAt,
        int version)
        implements PushEvent {

    @Override
    public String destination() {
        return Destinations.credentials(serviceId, environment);
    }

    @Override
    public String type() {
        return "credential_rotated";
    }

    /**
     * The credential: the event carries no value, a client reads the current one when told, so the
     * newest rotation supersedes the ones a client missed.
     */
    @Override
    public String subject() {
        return credentialKey;
    }

    @Override
    public Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("credentialKey", credentialKey);
        data.put("serviceId", serviceId);
        data.put("environment", environment);
        data.put("rotationId", rotationId);
        data.put("rotatedAt", rotatedAt.toString());
        data.put("version", version);
        return data;
    }

    @Override
    public Instant occurredAt() {
        return rotatedAt;
    }
}
