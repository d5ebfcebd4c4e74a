package io.configservice.credential;

import java.util.Locale;

/** The life of one stored version of a credential's value. */
enum VersionState {
    /** The value served by default; exactly one per live credential. */
    CURRENT,
    /** Superseded by a rotation; still readable until its grace period ends. */
    PREVIOUS,
    /** Ciphertext and wrapped data key erased; only metadata remains. */
    DESTROYED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static VersionState fromColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
