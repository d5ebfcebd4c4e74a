package io.configservice.configserver;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code bus_outbox} table: refresh events written with the change, removed once the broker
 * confirmed them.
 */
@Repository
class BusOutbox {

    private final JdbcTemplate jdbc;

    BusOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String eventId, String serviceId, String payload, Instant createdAt) {
        jdbc.update(
                "INSERT INTO bus_outbox (event_id, service_id, payload, created_at) VALUES (?, ?, ?, ?)",
                eventId,
                serviceId,
                payload,
                Timestamp.from(createdAt));
    }

    /** Locks up to {@code limit} events, oldest first, skipping those another replica holds. */
    List<Event> claim(int limit) {
        return jdbc.query(
                "SELECT id, event_id, payload FROM bus_outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                (rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3)),
                limit);
    }

    void delete(List<Event> events) {
        jdbc.batchUpdate(
                "DELETE FROM bus_outbox WHERE id = ?",
                events,
                events.size(),
                (ps, event) -> ps.setLong(1, event.id()));
    }

    /** One waiting event: its row, its id and its JSON. */
    record Event(long id, String eventId, String payload) {}
}
