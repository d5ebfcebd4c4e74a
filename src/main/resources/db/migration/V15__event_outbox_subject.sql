-- What an outbox event is about (PushEvent.subject()): a newer event with the same destination, type and subject
-- supersedes an older unacknowledged one per STOMP session. NULL: the event stands on its own (and rows written by a
-- replica of the previous version during a rolling upgrade).
ALTER TABLE event_outbox ADD COLUMN subject VARCHAR(300);
