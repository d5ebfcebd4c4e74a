package io.configservice.configuration.history;

/** What kind of write produced a configuration version. */
public enum ChangeType {
    CREATE,
    UPDATE,
    DELETE,
    BATCH,
    ROLLBACK
}
