package io.configservice.configserver;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Spring Cloud Bus's {@code RefreshRemoteApplicationEvent} as its JSON converter reads it: {@code
 * type} names the event class, {@code destinationService} {@code <application>:**} reaches every
 * instance of the application.
 */
@JsonPropertyOrder({"type", "timestamp", "originService", "destinationService", "id"})
record RefreshRemoteApplicationEvent(
        String type, long timestamp, String originService, String destinationService, String id) {

    static final String ORIGIN = "config-service";

    static RefreshRemoteApplicationEvent of(String application, String id, long timestamp) {
        return new RefreshRemoteApplicationEvent(
                "RefreshRemoteApplicationEvent", timestamp, ORIGIN, application + ":**", id);
    }
}
