package io.configservice.events;

/**
 * The spec's STOMP payload (section 4.1).
 *
 * @param id unique per event: clients drop duplicates by it (delivery is at least once)
 * @param timestamp epoch milliseconds of the change's commit
 * @param acknowledgmentRequired when true the client acknowledges with SEND {@code /app/ack} {@code
 *     {"id": …}}
 */
public record WebSocketMessage(
        String id, String type, long timestamp, Object data, boolean acknowledgmentRequired) {}
