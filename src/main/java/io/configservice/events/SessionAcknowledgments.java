package io.configservice.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;

/**
 * One STOMP session's share of the {@link AcknowledgmentTracker}: the frames queued for it on the
 * outbound channel and not yet handed to its WebSocket session, and the events handed off that wait
 * for their acknowledgment, at most one per {@link EventSubject}. Guarded by its own lock, since
 * the outbound channel's threads, the inbound channel's (acknowledgments) and the scheduler's
 * (redelivery) all reach it.
 */
final class SessionAcknowledgments {

    /** A queued frame that needs an acknowledgment, as the tracker recognised it. */
    record AckRequired(String eventId, @Nullable SubjectOfFrame subject) {}

    /** What became of a frame handed off to the session. */
    enum Tracking {
        /** Not tracked: the frame needs no acknowledgment. */
        NOT_REQUIRED,
        /** Now waits for its acknowledgment (again, for a redelivered one). */
        TRACKED,
        /** Waits for its acknowledgment instead of an older event on its subject. */
        SUPERSEDED_OLDER,
        /** Not tracked: a newer event on its subject already waits. */
        ALREADY_SUPERSEDED,
        /** Not tracked: the session already leaves as many events unacknowledged as allowed. */
        OVERFLOW
    }

    /** What a redelivery round found: events whose ack is overdue, and those to send again. */
    record Overdue(int timedOut, List<Message<?>> redeliver) {

        static final Overdue NONE = new Overdue(0, List.of());
    }

    private final int maxPending;
    private final Map<String, Pending> pendingByEventId = new LinkedHashMap<>();
    private final Map<EventSubject, String> eventIdBySubject = new HashMap<>();

    /**
     * Queued frames that need an acknowledgment, by identity: the outbound channel hands its
     * handler the very message its interceptors saw.
     */
    private final Map<Message<?>, AckRequired> queuedAwaitingAck = new IdentityHashMap<>();

    private int queued;

    SessionAcknowledgments(int maxPending) {
        this.maxPending = maxPending;
    }

    /**
     * A frame for the session entered the outbound channel's queue; {@code ackRequired} when it
     * needs an acknowledgment.
     */
    synchronized void queued(Message<?> message, @Nullable AckRequired ackRequired) {
        queued++;
        if (ackRequired != null) {
            queuedAwaitingAck.put(message, ackRequired);
        }
    }

    /** A frame that was counted as queued did not reach the queue after all. */
    synchronized void notQueued(Message<?> message) {
        dequeue(message);
    }

    /**
     * The queued {@code stale} frame's place in the queue went to {@code newer}, which is handed
     * off in its stead; the number of queued frames stays.
     */
    synchronized void replacedInQueue(
            Message<?> stale, Message<?> newer, @Nullable AckRequired ackRequired) {
        queuedAwaitingAck.remove(stale);
        if (ackRequired != null) {
            queuedAwaitingAck.put(newer, ackRequired);
        }
    }

    /**
     * A queued frame was handed to the WebSocket session. When it needs an acknowledgment, its
     * clock starts now; a frame handed off again (a redelivery) restarts it.
     */
    synchronized Tracking handedOff(Message<?> message, Instant at) {
        AckRequired ackRequired = dequeue(message);
        if (ackRequired == null) {
            return Tracking.NOT_REQUIRED;
        }
        String eventId = ackRequired.eventId();
        SubjectOfFrame subject = ackRequired.subject();
        Pending known = pendingByEventId.get(eventId);
        if (known != null) {
            pendingByEventId.put(eventId, known.handedOffAgain(at));
            return Tracking.TRACKED;
        }
        Pending superseded = subject == null ? null : pendingOn(subject.subject());
        if (superseded != null && !subject.newerThan(superseded.subject())) {
            return Tracking.ALREADY_SUPERSEDED;
        }
        if (superseded == null && pendingByEventId.size() >= maxPending) {
            return Tracking.OVERFLOW;
        }
        if (superseded != null) {
            pendingByEventId.remove(superseded.eventId());
        }
        pendingByEventId.put(eventId, new Pending(eventId, subject, message, at, 0));
        if (subject != null) {
            eventIdBySubject.put(subject.subject(), eventId);
        }
        return superseded == null ? Tracking.TRACKED : Tracking.SUPERSEDED_OLDER;
    }

    synchronized void acknowledge(String eventId) {
        Pending acknowledged = pendingByEventId.remove(eventId);
        if (acknowledged != null && acknowledged.subject() != null) {
            eventIdBySubject.remove(acknowledged.subject().subject(), eventId);
        }
    }

    /**
     * The events handed off at or before {@code overdue} and still unacknowledged: those
     * redelivered {@code maxRedeliveries} times are given up, the others are returned to be sent
     * again (their clock restarts now, and again when the redelivered frame is handed off).
     * Nothing, while frames for the session still wait in the outbound queue: their acknowledgments
     * cannot have come yet, and sending more would only lengthen the queue.
     */
    synchronized Overdue overdue(Instant overdue, Instant now, int maxRedeliveries) {
        if (queued > 0) {
            return Overdue.NONE;
        }
        int timedOut = 0;
        List<Message<?>> redeliver = new ArrayList<>();
        for (Iterator<Map.Entry<String, Pending>> entries = pendingByEventId.entrySet().iterator();
                entries.hasNext(); ) {
            Map.Entry<String, Pending> entry = entries.next();
            Pending pending = entry.getValue();
            if (pending.handedOffAt().isAfter(overdue)) {
                continue;
            }
            timedOut++;
            if (pending.redeliveries() >= maxRedeliveries) {
                entries.remove();
                if (pending.subject() != null) {
                    eventIdBySubject.remove(pending.subject().subject(), pending.eventId());
                }
                continue;
            }
            entry.setValue(pending.redelivered(now));
            redeliver.add(pending.message());
        }
        return timedOut == 0 ? Overdue.NONE : new Overdue(timedOut, redeliver);
    }

    /** Events waiting for their acknowledgment. */
    synchronized int pending() {
        return pendingByEventId.size();
    }

    /**
     * Takes a frame off the queue; the count never goes below zero, for a frame queued before the
     * session was tracked.
     */
    private @Nullable AckRequired dequeue(Message<?> message) {
        if (queued > 0) {
            queued--;
        }
        return queuedAwaitingAck.remove(message);
    }

    private @Nullable Pending pendingOn(EventSubject subject) {
        String eventId = eventIdBySubject.get(subject);
        return eventId == null ? null : pendingByEventId.get(eventId);
    }

    private record Pending(
            String eventId,
            @Nullable SubjectOfFrame subject,
            Message<?> message,
            Instant handedOffAt,
            int redeliveries) {

        Pending handedOffAgain(Instant at) {
            return new Pending(eventId, subject, message, at, redeliveries);
        }

        Pending redelivered(Instant at) {
            return new Pending(eventId, subject, message, at, redeliveries + 1);
        }
    }
}
