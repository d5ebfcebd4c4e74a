package io.configservice.events;

import io.configservice.events.OutboxRepository.OutboxRow;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a claimed outbox batch that the relay leaves unpublished because it is behind: when
 * the oldest row of the batch about a {@link EventSubject} waited since {@code cutoff} or longer,
 * every row about that subject but the newest. Sessions would coalesce such rows away anyway
 * ({@link FrameCoalescer}); dropping them before the broker spares the fan-out to every subscriber,
 * which is what makes the relay fall behind in the first place. A row without a subject is never
 * superseded, and a relay that keeps up (every row of a subject younger than {@code cutoff})
 * publishes every event.
 */
final class SupersededRows {

    private SupersededRows() {}

    /** The ids of the superseded rows of {@code batch}, which is in id order. */
    static Set<Long> of(List<OutboxRow> batch, Instant cutoff) {
        Map<EventSubject, Instant> oldest = new HashMap<>();
        Map<EventSubject, Long> newest = new HashMap<>();
        for (OutboxRow row : batch) {
            EventSubject subject = subjectOf(row);
            if (subject != null) {
                oldest.putIfAbsent(subject, row.createdAt());
                newest.put(subject, row.id());
            }
        }
        Set<Long> superseded = new HashSet<>();
        for (OutboxRow row : batch) {
            EventSubject subject = subjectOf(row);
            if (subject != null
                    && !oldest.get(subject).isAfter(cutoff)
                    && newest.get(subject).longValue() != row.id()) {
                superseded.add(row.id());
            }
        }
        return superseded;
    }

    private static @Nullable EventSubject subjectOf(OutboxRow row) {
        return row.subject() == null
                ? null
                : new EventSubject(row.destination(), row.eventType(), row.subject());
    }
}
