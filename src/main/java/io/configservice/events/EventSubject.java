package io.configservice.events;

/**
 * What a pushed event is about, as far as acknowledgments go: events with the same destination,
 * type and subject name describe successive states of one thing, so a session only needs the newest
 * of them (see {@link AcknowledgmentTracker}).
 *
 * @param name the {@link PushEvent#subject()}, e.g. a credential's key
 */
record EventSubject(String destination, String type, String name) {}
