package io.configservice.events;

import io.configservice.events.OutboxRepository.OutboxRow;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a claimed outbox batch that the relay leaves unpublished because it is behind: a row
 * about a {@link EventSubject} that waited since {@code cutoff} or longer, when a newer row on the
 * same subject is in the same batch. Sessions would coalesce such a row away anyway ({@link
 * FrameCoalescer}); dropping it before the broker spares the fan-out to every subscriber, which is
 * what lets the relay fall behind in the first place. A row without a subject is never superseded,
 * nor is one younger than {@code cutoff}: a relay that keeps up publishes every event.
 */
final class SupersededRows {

    private SupersededRows() {}

    /** The ids of the superseded rows of {@code batch}, which is in id order. */
    static Set<Long> of(List<OutboxRow> batch, Instant cutoff) {
        Set<EventSubject> newer = new HashSet<>();
        Set<Long> superseded = new HashSet<>();
        for (int i = batch.size() - 1; i >= 0; i--) {
            OutboxRow row = batch.get(i);
            if (row.subject() == null) {
                continue;
            }
            boolean newerFollows =
                    !newer.add(new EventSubject(row.destination(), row.eventType(), row.subject()));
            if (newerFollows && !row.createdAt().isAfter(cutoff)) {
                superseded.add(row.id());
            }
        }
        return superseded;
    }
}
