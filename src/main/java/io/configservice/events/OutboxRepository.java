package io.configservice.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code event_outbox} table: rows written with the change that caused them, claimed by the
 * relay.
 */
@Repository
class OutboxRepository {

    private final JdbcTemplate jdbc;

    OutboxRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            String destination,
            String eventType,
            @Nullable String subject,
            String payloadJson,
            Instant createdAt) {
        jdbc.update(
                """
                INSERT INTO event_outbox (destination, event_type, subject, payload, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?)""",
                destination,
                eventType,
                subject,
                payloadJson,
                Timestamp.from(createdAt));
    }

    /**
     * Locks up to {@code limit} unpublished rows, oldest first, skipping rows another replica
     * holds.
     */
    List<OutboxRow> claimUnpublished(int limit) {
        return jdbc.query(
                """
                SELECT id, destination, event_type, subject, payload::text AS payload, created_at
                FROM event_outbox
                WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, i) ->
                        new OutboxRow(
                                rs.getLong("id"),
                                rs.getString("destination"),
                                rs.getString("event_type"),
                                rs.getString("subject"),
                                rs.getString("payload"),
                                rs.getTimestamp("created_at").toInstant()),
                limit);
    }

    void markPublished(List<Long> ids, Instant at) {
        jdbc.batchUpdate(
                "UPDATE event_outbox SET published_at = ? WHERE id = ?",
                ids,
                ids.size(),
                (ps, id) -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setLong(2, id);
                });
    }

    long countUnpublished() {
        Long count =
                jdbc.queryForObject(
                        "SELECT count(*) FROM event_outbox WHERE published_at IS NULL", Long.class);
        return count == null ? 0 : count;
    }

    int deletePublishedBefore(Instant cutoff) {
        return jdbc.update(
                "DELETE FROM event_outbox WHERE published_at IS NOT NULL AND published_at < ?",
                Timestamp.from(cutoff));
    }

    /**
     * One stored event: the destination, its type and {@link PushEvent#subject() subject} and the
     * serialized {@link WebSocketMessage}.
     */
    record OutboxRow(
            long id,
            String destination,
            String eventType,
            @Nullable String subject,
            String payload,
            Instant createdAt) {}
}
