package io.configservice.events;

/**
 * The subject a relay-signed frame is about and its place among the events on that subject: the
 * outbox row id, which the relay publishes in ascending order.
 */
record SubjectOfFrame(EventSubject subject, long sequence) {

    /** Whether this frame's event came after {@code other}'s on the same subject. */
    boolean newerThan(SubjectOfFrame other) {
        return sequence > other.sequence;
    }
}
